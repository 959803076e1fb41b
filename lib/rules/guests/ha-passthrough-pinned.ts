import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

/**
 * H4: a guest with local PCI/USB passthrough is bound to the node that has the device;
 * HA would recover or migrate it to a node without it, where it cannot start.
 */
export const haPassthroughPinned: Rule = {
  id: "H4",
  title: "HA guests with passthrough devices are pinned to one node",
  check(model) {
    const out: RuleFinding[] = [];
    for (const guest of model.haVms()) {
      const devices = guest.spec.passthrough ?? [];
      if (devices.length === 0) continue;
      const nodes = model.guestNodes(guest);
      if (nodes.length <= 1) continue;
      out.push(
        finding(
          "H4",
          "warning",
          `${guest.path}/passthrough`,
          `HA guest '${guest.spec.name}' passes through ${quoted(devices)}, which are local to one node, yet HA may move it to ${quoted(nodes)}; it cannot start where the device is missing, and it cannot be live-migrated at all.`,
          `Pin '${guest.spec.name}' with a strict node-affinity rule naming only '${guest.spec.node}', or remove the passthrough (or 'ha').`,
        ),
      );
    }
    return out;
  },
};
