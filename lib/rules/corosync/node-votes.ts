import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/**
 * Q6: every node gets one vote. Other values skew the majority (one node can outvote
 * the rest, or a node counts for nothing) and are documented only as a recovery aid.
 */
export const nodeVotes: Rule = {
  id: "Q6",
  title: "Every node has exactly one vote",
  check(model) {
    const out: RuleFinding[] = [];
    for (const node of model.nodes) {
      if (node.votes === undefined || node.votes === 1) continue;
      out.push(
        finding(
          "Q6",
          "warning",
          model.nodePath(node.name, "votes"),
          `Node '${node.name}' has ${String(node.votes)} votes instead of 1; uneven votes let some nodes decide quorum alone (or count for nothing), which PVE only documents as a temporary recovery measure.`,
          `Remove 'votes' from '${node.name}'; for an even node count add a QDevice instead.`,
        ),
      );
    }
    return out;
  },
};
