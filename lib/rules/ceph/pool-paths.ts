/** Pointers into `ceph.pools`, shared by the pool rules (P1–P9). */
import { pointer } from "../../model/findings";
import { ClusterModel, ResolvedPool } from "../../model/model";
import { CephPoolSpec, NodeSpec } from "../../model/spec-types";

export function poolPath(pool: ResolvedPool, ...rest: (string | number)[]): string {
  return pointer("spec", "ceph", "pools", pool.index, ...rest);
}

/** The field when the spec sets it, else the pool itself (a default is in effect). */
export function poolFieldPath(pool: ResolvedPool, field: keyof CephPoolSpec): string {
  return pool.spec[field] === undefined ? poolPath(pool) : poolPath(pool, field);
}

export function isInteger(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/**
 * Nodes that may hold OSDs of a device class: those declaring such an OSD, plus those with
 * OSDs of undeclared class (Ceph detects the class itself, so they may qualify). Without a
 * class, every OSD node. An upper bound, so the rules built on it never report a shortage
 * that might not exist.
 */
export function nodesPossiblyWithClass(model: ClusterModel, deviceClass: string | undefined): NodeSpec[] {
  return model.nodes.filter((n) => (n.ceph?.osds ?? []).some((o) => o !== undefined && o !== null && (deviceClass === undefined || o.deviceClass === undefined || o.deviceClass === deviceClass)));
}

/** OSDs that may be of a device class (same upper bound as above). */
export function osdsPossiblyWithClass(model: ClusterModel, deviceClass: string | undefined): number {
  let count = 0;
  for (const n of model.nodes) for (const o of n.ceph?.osds ?? []) if (o && (deviceClass === undefined || o.deviceClass === undefined || o.deviceClass === deviceClass)) count++;
  return count;
}
