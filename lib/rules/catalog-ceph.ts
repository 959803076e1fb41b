import { Rule } from "./rule";

/** Rules of catalog sections D–F: Ceph networks, daemons, pools. */
export const CEPH_RULES: readonly Rule[] = [];
