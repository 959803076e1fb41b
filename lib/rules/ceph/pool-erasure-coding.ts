import { Rule, RuleFinding } from "../rule";
import { finding, plural } from "../guests/support";
import { isInteger, nodesPossiblyWithClass, osdsPossiblyWithClass, poolPath } from "./pool-paths";

/**
 * P7: an erasure-coded pool cuts each object into k data and m coding chunks, each in its
 * own failure domain, so it needs k+m of them. It can rebuild data from any k chunks: with
 * min_size below k it could not serve I/O at all, and at exactly k a write lands with no
 * redundancy, which is why Ceph defaults to k+1 when m > 1. RBD cannot keep its metadata on
 * an EC pool: Proxmox pairs it with a replicated metadata pool when it creates the storage
 * (the pool's `storage` block), or a declared storage names it as `dataPool`.
 */
export const poolErasureCoding: Rule = {
  id: "P7",
  title: "Erasure-coded pools: valid k and m, k+m failure domains, minSize, a metadata pool for RBD",
  check(model) {
    const out: RuleFinding[] = [];
    const dataPools = new Set((model.body.storages ?? []).map((s) => s?.dataPool).filter((p): p is string => typeof p === "string"));
    for (const pool of model.pools()) {
      const ec = pool.spec.erasureCoding;
      if (!ec) continue;
      let valid = true;
      for (const key of ["k", "m"] as const) {
        if (isInteger(ec[key]) && ec[key] > 0) continue;
        valid = false;
        out.push(
          finding(
            "P7",
            "error",
            poolPath(pool, "erasureCoding", key),
            `Pool '${pool.name}' has erasure-coding ${key} = ${String(ec[key])}; k (data chunks) and m (coding chunks) must both be whole numbers of at least 1.`,
            `Use for example k: 2, m: 1 on three hosts, or k: 4, m: 2 on six or more.`,
          ),
        );
      }
      if (!valid) continue;
      const width = ec.k + ec.m;
      if (pool.spec.size !== undefined && pool.spec.size !== width) {
        out.push(
          finding(
            "P7",
            "error",
            poolPath(pool, "size"),
            `Pool '${pool.name}' sets size ${String(pool.spec.size)}, but an erasure-coded pool always stores k+m = ${width} chunks.`,
            `Drop 'size' from the erasure-coded pool.`,
          ),
        );
      }
      const cls = pool.spec.deviceClass;
      const byOsd = pool.failureDomain === "osd";
      const domains = byOsd ? osdsPossiblyWithClass(model, cls) : nodesPossiblyWithClass(model, cls).length;
      if (model.cephEnabled() && domains < width) {
        out.push(
          finding(
            "P7",
            "error",
            poolPath(pool, "erasureCoding"),
            `Pool '${pool.name}' (k=${ec.k}, m=${ec.m}) puts its ${width} chunks in ${width} different ${byOsd ? "OSDs" : "failure domains"}, but only ${plural(domains, byOsd ? "OSD" : "host")}${cls ? ` with class ${cls}` : ""} ${domains === 1 ? "has" : "have"} OSDs to offer; its PGs can never be complete.`,
            `Choose k and m with k+m ≤ ${domains}, or add ${byOsd ? "OSDs" : "OSD hosts"}.`,
          ),
        );
      }
      if (pool.spec.minSize !== undefined && isInteger(pool.minSize)) {
        if (pool.minSize < ec.k) {
          out.push(
            finding(
              "P7",
              "error",
              poolPath(pool, "minSize"),
              `Pool '${pool.name}' has minSize ${pool.minSize}, below k = ${ec.k}; fewer than k chunks cannot rebuild an object, so Ceph refuses it.`,
              `Set minSize to ${ec.k + 1} (k+1), or drop it for the default.`,
            ),
          );
        } else if (ec.m > 1 && pool.minSize < ec.k + 1) {
          out.push(
            finding(
              "P7",
              "warning",
              poolPath(pool, "minSize"),
              `Pool '${pool.name}' has minSize ${pool.minSize} = k: it accepts writes with no coding chunk left, so one more failure during that time loses data.`,
              `Set minSize to ${ec.k + 1} (k+1, Ceph's default when m > 1), or drop it.`,
            ),
          );
        }
      }
      if (pool.application === "rbd") {
        const storageId = pool.storageId;
        if (storageId !== undefined && storageId !== pool.name) {
          out.push(
            finding(
              "P7",
              "error",
              poolPath(pool, "storage", "id"),
              `Erasure-coded pool '${pool.name}' gets its RBD storage, with the replicated metadata pool, from Proxmox itself, which names the storage after the pool; pvecdk cannot give it the ID '${storageId}'.`,
              `Drop storage.id, or set it to '${pool.name}'.`,
            ),
          );
        } else if (storageId === undefined && !dataPools.has(pool.name)) {
          out.push(
            finding(
              "P7",
              "warning",
              poolPath(pool),
              `Erasure-coded pool '${pool.name}' is for RBD, but no storage uses it: RBD keeps image metadata in a replicated pool and only the data on the EC pool, and nothing here pairs the two.`,
              `Add a 'storage' block to the pool (Proxmox then creates the metadata pool and the storage), or declare an rbd storage with a replicated 'pool' and 'dataPool: ${pool.name}'.`,
            ),
          );
        }
      }
    }
    return out;
  },
};
