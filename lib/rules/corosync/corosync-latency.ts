import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/** pvecm: corosync needs latencies under 5 ms; above ~10 ms it is unlikely to work beyond three nodes. */
export const LATENCY_WARN_MS = 5;
export const LATENCY_ERROR_MS = 10;

/**
 * C1: corosync's totem token must go round all nodes within its timeout; a slow
 * network makes nodes miss it and drop out of the membership. Judged from each link
 * network's measured `latencyMs` (networks without one are skipped); every link counts,
 * because a fallback link carries the traffic as soon as the primary fails.
 */
export const corosyncLatency: Rule = {
  id: "C1",
  title: "Corosync link networks have latency under 5 ms",
  check(model) {
    const out: RuleFinding[] = [];
    const seen = new Set<string>();
    const nodes = model.nodes.length;
    for (const link of model.linksByPreference()) {
      const net = model.network(link.network);
      if (!net || seen.has(net.name)) continue;
      seen.add(net.name);
      const ms = net.latencyMs;
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < LATENCY_WARN_MS) continue;
      const severe = ms >= LATENCY_ERROR_MS && nodes > 3;
      out.push(
        finding(
          "C1",
          severe ? "error" : "warning",
          model.networkPath(net.name, "latencyMs"),
          severe
            ? `Network '${net.name}' (corosync link ${link.id}) has ${ms} ms latency; with ${nodes} nodes and latency of ${LATENCY_ERROR_MS} ms or more corosync is unlikely to keep a stable membership, so nodes keep dropping out.`
            : `Network '${net.name}' (corosync link ${link.id}) has ${ms} ms latency; corosync needs less than ${LATENCY_WARN_MS} ms between all nodes to keep its membership stable.`,
          `Run corosync over a local, low-latency network (a dedicated NIC on the same switch), and keep the nodes of one cluster in one location.`,
        ),
      );
    }
    return out;
  },
};
