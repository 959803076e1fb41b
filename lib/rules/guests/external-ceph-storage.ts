import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/**
 * S4: an RBD or CephFS storage talks to a Ceph cluster. On a hyper-converged cluster PVE
 * finds the monitors in its own ceph.conf; for an external Ceph cluster the storage
 * needs `monhost` (and a keyring under /etc/pve/priv/ceph/). Erasure-coded data cannot
 * hold RBD metadata: the storage names a replicated `pool` and the EC pool as `dataPool`.
 */
export const externalCephStorage: Rule = {
  id: "S4",
  title: "External Ceph storages name their monitors; EC pools are used through dataPool",
  check(model) {
    const out: RuleFinding[] = [];
    const hyperConverged = model.cephEnabled();
    const pools = model.pools();
    const ecPools = new Set(pools.filter((p) => p.spec.erasureCoding).map((p) => p.name));
    const replicatedPools = new Set(pools.filter((p) => !p.spec.erasureCoding).map((p) => p.name));
    (model.body.storages ?? []).forEach((s, i) => {
      if (s.type !== "rbd" && s.type !== "cephfs") return;
      if (!hyperConverged && (s.monhost ?? []).length === 0) {
        out.push(
          finding(
            "S4",
            "error",
            pointer("spec", "storages", i),
            `Storage '${s.id}' (${s.type}) uses an external Ceph cluster (this spec declares no Ceph of its own) but lists no monitors, so PVE cannot connect to it.`,
            `Set 'monhost' on '${s.id}' to the external cluster's monitor addresses, and place its keyring at /etc/pve/priv/ceph/${s.id}.${s.type === "rbd" ? "keyring" : "secret"} on the cluster.`,
          ),
        );
      }
      if (s.type !== "rbd") return;
      const pool = s.pool ?? "rbd";
      if (ecPools.has(pool)) {
        out.push(
          finding(
            "S4",
            "error",
            pointer("spec", "storages", i, s.pool === undefined ? "id" : "pool"),
            `Storage '${s.id}' puts RBD images on the erasure-coded pool '${pool}'. RBD keeps image metadata in omap, which EC pools do not support, so image creation fails.`,
            `Set 'pool' to a replicated pool for the metadata and 'dataPool: ${pool}' for the data (or let the pool's own 'storage' block create the storage).`,
          ),
        );
      }
      if (s.dataPool !== undefined && replicatedPools.has(s.dataPool)) {
        out.push(
          finding(
            "S4",
            "warning",
            pointer("spec", "storages", i, "dataPool"),
            `Storage '${s.id}' sets dataPool '${s.dataPool}', but that pool is replicated; a data pool only makes sense for an erasure-coded pool.`,
            `Drop 'dataPool' and use '${s.dataPool}' as the storage's 'pool', or point 'dataPool' at an erasure-coded pool.`,
          ),
        );
      }
    });
    return out;
  },
};
