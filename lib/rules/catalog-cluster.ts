import { Rule } from "./rule";
import { storageSharedWithOtherCluster } from "./cluster/storage-shared-with-other-cluster";

/**
 * Rules of catalog sections A–F that live in `lib/rules/cluster/`, in catalog order.
 * Most rules of these sections are in COROSYNC_RULES (A–C, `lib/rules/corosync/`) and
 * CEPH_RULES (D–F, `lib/rules/ceph/`); this list holds the ones added beside them, so
 * that every ID still appears exactly once in ALL_RULES.
 */
export const CLUSTER_RULES: readonly Rule[] = [
  // 1.A Nodes and cluster identity
  storageSharedWithOtherCluster, // N8
];
