import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/** Above this many nodes corosync has little field experience outside high-end setups (N9). */
export const LARGE_CLUSTER_NODES = 32;

/**
 * N9: PVE sets no hard node limit, but corosync membership traffic and token timeouts
 * grow with every node; clusters far beyond 32 nodes are only reported on high-end
 * hardware and networks.
 */
export const nodeCountLimit: Rule = {
  id: "N9",
  title: "Cluster size stays within well-trodden limits (32 nodes)",
  check(model) {
    const n = model.nodes.length;
    if (n <= LARGE_CLUSTER_NODES) return [];
    return [
      finding(
        "N9",
        "warning",
        pointer("spec", "nodes"),
        `The cluster has ${n} nodes. PVE has no fixed limit, but corosync traffic and failure detection grow with each node, and clusters above ${LARGE_CLUSTER_NODES} nodes only run reliably on fast, dedicated corosync networks.`,
        `Consider splitting it into several clusters of at most ${LARGE_CLUSTER_NODES} nodes; if you keep it, give corosync dedicated low-latency links and acknowledge N9.`,
      ),
    ];
  },
};
