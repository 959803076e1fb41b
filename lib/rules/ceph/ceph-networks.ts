/**
 * The networks Ceph is told to use (sections D–F share this lookup): the public network,
 * and the cluster network when it is set to a different one.
 */
import { pointer } from "../../model/findings";
import { ClusterModel } from "../../model/model";
import { NetworkSpec } from "../../model/spec-types";

export interface CephNetworkRef {
  /** "public" or "cluster", for messages. */
  readonly kind: "public" | "cluster";
  readonly net: NetworkSpec;
  /** The `ceph.publicNetwork` / `ceph.clusterNetwork` field naming it. */
  readonly path: string;
}

/** Declared Ceph networks; unknown names are left out (CN1 reports them). A cluster network equal to the public one is listed once. */
export function cephNetworks(model: ClusterModel): CephNetworkRef[] {
  const ceph = model.body.ceph;
  if (!ceph) return [];
  const out: CephNetworkRef[] = [];
  const pub = typeof ceph.publicNetwork === "string" ? model.network(ceph.publicNetwork) : undefined;
  if (pub) out.push({ kind: "public", net: pub, path: pointer("spec", "ceph", "publicNetwork") });
  const cluster = typeof ceph.clusterNetwork === "string" ? model.network(ceph.clusterNetwork) : undefined;
  if (cluster && cluster !== pub) out.push({ kind: "cluster", net: cluster, path: pointer("spec", "ceph", "clusterNetwork") });
  return out;
}

/** Whether any node declares an NVMe OSD (CN3 then asks for 25 Gbit/s). */
export function hasNvmeOsds(model: ClusterModel): boolean {
  return model.nodes.some((n) => (n.ceph?.osds ?? []).some((o) => o?.deviceClass === "nvme"));
}

/** Whether a VM is under HA: Ceph shortfalls that would stall HA guests become errors (CD1, CD2). */
export function hasHaGuests(model: ClusterModel): boolean {
  return (model.body.vms ?? []).some((vm) => vm?.ha !== undefined);
}
