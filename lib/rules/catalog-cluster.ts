import { Rule } from "./rule";

/** Rules of catalog sections A–F: nodes, corosync, quorum, Ceph networks, daemons, pools. */
export const CLUSTER_RULES: readonly Rule[] = [];
