import { Rule, RuleFinding } from "../rule";
import { finding, plural } from "./support";

/**
 * H8: the HA manager, not Terraform, decides where an HA guest runs. Its declared `node`
 * is where it is created; if a node-affinity rule prefers other nodes, the CRM moves it
 * right away and every later plan sees a node change that is not drift.
 */
export const haNodeIsPreference: Rule = {
  id: "H8",
  title: "An HA guest's node is a placement preference",
  check(model) {
    const ha = model.haVms();
    if (ha.length === 0) return [];
    const out: RuleFinding[] = [];
    for (const guest of ha) {
      const affinity = model.nodeAffinityRuleOf(guest.spec.name);
      if (!affinity) continue;
      const entries = Object.entries(affinity.rule.nodes ?? {}).filter(([n]) => model.node(n));
      if (entries.length === 0) continue; // H6 reports rules without usable nodes
      const top = Math.max(...entries.map(([, p]) => p));
      const preferred = entries.filter(([, p]) => p === top).map(([n]) => n);
      if (preferred.includes(guest.spec.node)) continue;
      const allowed = entries.some(([n]) => n === guest.spec.node);
      out.push(
        finding(
          "H8",
          "warning",
          `${guest.path}/node`,
          `HA guest '${guest.spec.name}' is declared on '${guest.spec.node}', but node-affinity rule '${affinity.rule.name}' ${allowed ? `prefers ${preferred.join(", ")}` : `does not include '${guest.spec.node}'`}; the HA manager moves it there after creation, and every plan would then see a node difference.`,
          `Set node to one of ${preferred.map((n) => `'${n}'`).join(", ")}, or give '${guest.spec.node}' the highest priority in '${affinity.rule.name}'.`,
        ),
      );
    }
    out.push(
      finding(
        "H8",
        "info",
        `${ha[0].path}/node`,
        `${plural(ha.length, "guest")} run under HA: the HA manager may move ${ha.length === 1 ? "it" : "them"} between nodes, so the declared node is only where ${ha.length === 1 ? "it starts" : "they start"}; a different current node after a failover or maintenance is expected, not drift.`,
        `Express placement wishes as node-affinity rules, not by editing 'node' after the fact.`,
      ),
    );
    return out;
  },
};
