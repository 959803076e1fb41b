import { Rule, RuleFinding } from "../rule";
import { nodeInterfaces } from "./node-interfaces";
import { finding, quoted } from "./support";

/**
 * B5: a guest NIC plugs into a bridge by name on whatever node the guest runs; if a
 * migration or HA target lacks that bridge, the guest cannot start there.
 */
export const guestBridgeExists: Rule = {
  id: "B5",
  title: "Guest bridges exist on every node the guest may run on",
  check(model) {
    const out: RuleFinding[] = [];
    const interfaces = new Map(model.nodes.map((n) => [n.name, nodeInterfaces(n)]));
    for (const guest of model.guests()) {
      const nodes = model.guestNodes(guest);
      for (const { nic, path, inherited } of model.guestNics(guest)) {
        const missing = nodes.filter((n) => {
          const bridges = interfaces.get(n)?.bridges;
          return bridges !== undefined && !bridges.has(nic.bridge);
        });
        if (missing.length === 0) continue;
        // An inherited NIC is fixed through the clone's template; a template's default NIC has no path of its own.
        const at = inherited ? `${guest.path}/template` : path === guest.path ? path : `${path}/bridge`;
        const isHa = guest.kind === "vm" && guest.spec.ha !== undefined && nodes.length > 1;
        out.push(
          finding(
            "B5",
            "error",
            at,
            `${guest.kind === "vm" ? "VM" : "Template"} '${guest.spec.name}' connects a NIC to bridge '${nic.bridge}'${inherited ? " (inherited from its template)" : ""}, which ${quoted(missing)} ${missing.length === 1 ? "does" : "do"} not have${isHa ? "; HA may start the guest there" : ""}.`,
            `Declare bridge '${nic.bridge}' on ${quoted(missing)}, or connect the NIC to a bridge every such node has.`,
          ),
        );
      }
    }
    return out;
  },
};
