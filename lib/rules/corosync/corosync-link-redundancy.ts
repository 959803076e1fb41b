import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/**
 * C5: corosync survives a network failure only if another link runs over different
 * hardware. One link is a single point of failure for the whole cluster (with HA, a
 * switch reboot fences every node); two links on the same physical network fail together.
 */
export const corosyncLinkRedundancy: Rule = {
  id: "C5",
  title: "Corosync has a second link on a different physical network",
  check(model) {
    const links = model.linksByPreference();
    if (links.length === 0 || model.nodes.length < 2) return [];
    if (links.length === 1) {
      return [
        finding(
          "C5",
          "warning",
          pointer("spec", "corosync", "links"),
          `Corosync has only one link (on '${links[0].network}'); if that network or its switch fails, every node loses quorum${model.haVms().length > 0 ? " and the nodes running HA guests fence themselves" : ""}.`,
          `Add a second link on a different physical network, e.g. the management network as { id: 1, network: <mgmt>, priority: 10 }.`,
        ),
      ];
    }
    const out: RuleFinding[] = [];
    const byPhysical = new Map<string, number>();
    for (const link of links) {
      if (!model.network(link.network)) continue; // C4 reports unknown networks
      const physical = model.physicalOf(link.network);
      const earlier = byPhysical.get(physical);
      if (earlier === undefined) {
        byPhysical.set(physical, link.id);
        continue;
      }
      out.push(
        finding(
          "C5",
          "warning",
          model.linkPath(link, "network"),
          `Corosync link ${link.id} runs on the same physical network '${physical}' as link ${earlier}, so both fail together and the second link adds no redundancy.`,
          `Put link ${link.id} on a network over a different NIC and switch (a different 'physical'), or drop it.`,
        ),
      );
    }
    return out;
  },
};
