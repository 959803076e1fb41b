import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/**
 * Q3: a QDevice is supported for even node counts, where it adds one tie-breaking vote.
 * With an odd count it must get N−1 votes to help at all, which makes the single QDevice
 * host almost as important as the whole cluster; the Proxmox docs discourage it.
 */
export const qdeviceNodeCount: Rule = {
  id: "Q3",
  title: "A QDevice is used with an even number of nodes",
  check(model) {
    const n = model.nodes.length;
    if (!model.hasQDevice() || n === 0 || n % 2 === 0) return [];
    return [
      finding(
        "Q3",
        "warning",
        pointer("spec", "corosync", "qdevice"),
        `A QDevice is declared for ${n} nodes. With an odd node count it gets ${Math.max(n - 1, 1)} votes, so the QDevice host becomes nearly a single point of failure; the Proxmox docs discourage this setup.`,
        n === 1
          ? `Remove the QDevice; a single node needs no quorum help.`
          : `Remove 'corosync.qdevice' (${n} nodes already tolerate ${Math.floor((n - 1) / 2)} failures), or add a node to reach an even count.`,
      ),
    ];
  },
};
