import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

/** V6 (added by pvecdk): a guest's config lives under its node (/etc/pve/nodes/<node>/), so the node must be part of the cluster. */
export const guestNodeDeclared: Rule = {
  id: "V6",
  title: "Guests are placed on declared nodes",
  check(model) {
    const out: RuleFinding[] = [];
    for (const guest of model.guests()) {
      if (model.node(guest.spec.node)) continue;
      out.push(
        finding(
          "V6",
          "error",
          `${guest.path}/node`,
          `${guest.kind === "vm" ? "VM" : "Template"} '${guest.spec.name}' is placed on '${guest.spec.node}', which is not a node of this cluster.`,
          `Use one of ${quoted(model.nodes.map((n) => n.name))}.`,
        ),
      );
    }
    return out;
  },
};
