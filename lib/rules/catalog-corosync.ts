import { Rule } from "./rule";

/** Rules of catalog sections A–C: nodes and cluster identity, corosync links, quorum and QDevice. */
export const COROSYNC_RULES: readonly Rule[] = [];
