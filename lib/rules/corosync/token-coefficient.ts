import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/** What new PVE clusters write to corosync.conf (corosync's own default is 650 ms). */
export const PVE_TOKEN_COEFFICIENT_MS = 125;

/**
 * C12: the token timeout grows by `token_coefficient` for every node beyond two. PVE
 * uses 125 ms for new clusters; a larger value makes failure detection (and with it HA
 * recovery) slower, a smaller one makes large clusters jumpier.
 */
export const tokenCoefficient: Rule = {
  id: "C12",
  title: "Token coefficient differs from the PVE default of 125 ms",
  check(model) {
    const value: unknown = model.body.corosync?.tokenCoefficient;
    if (value === undefined || value === PVE_TOKEN_COEFFICIENT_MS) return [];
    const beyondTwo = Math.max(model.nodes.length - 2, 0);
    const extra = typeof value === "number" && beyondTwo > 0 ? `; with ${model.nodes.length} nodes the token timeout grows by ${beyondTwo * value} ms instead of ${beyondTwo * PVE_TOKEN_COEFFICIENT_MS} ms, which changes how quickly a failed node is noticed` : "";
    return [
      finding(
        "C12",
        "info",
        pointer("spec", "corosync", "tokenCoefficient"),
        `The token coefficient is ${String(value)} ms instead of PVE's ${PVE_TOKEN_COEFFICIENT_MS} ms${extra}.`,
        `Remove 'tokenCoefficient' to use ${PVE_TOKEN_COEFFICIENT_MS} ms, unless you have measured a reason for another value.`,
      ),
    ];
  },
};
