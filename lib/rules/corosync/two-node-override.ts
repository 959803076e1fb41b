import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/**
 * Q7: votequorum's two_node mode lets either of two nodes keep quorum alone; after a
 * network split both halves believe they are quorate and fencing decides who survives.
 * PVE documents only the QDevice route for two nodes, so this is an expert override.
 */
export const twoNodeOverride: Rule = {
  id: "Q7",
  title: "The votequorum two_node override is not used",
  check(model) {
    if (model.body.corosync?.twoNode !== true) return [];
    const n = model.nodes.length;
    const extra =
      model.hasQDevice()
        ? " A QDevice is declared as well, which already provides the tie-breaking vote."
        : n !== 2
          ? ` It only applies to exactly two nodes; this cluster has ${n}.`
          : "";
    return [
      finding(
        "Q7",
        "warning",
        pointer("spec", "corosync", "twoNode"),
        `'twoNode' lets a single node of two keep quorum; after a network split both nodes consider themselves quorate, and PVE does not document this mode for its clusters.${extra}`,
        `Remove 'twoNode' and add a QDevice (corosync.qdevice) as the third vote.`,
      ),
    ];
  },
};
