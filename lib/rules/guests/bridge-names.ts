import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/** PVE bridge names: commonly vmbrN (0–4094), otherwise a letter then letters/digits, at most 10 characters. */
const BRIDGE_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,9}$/;

/**
 * B1: bridge names must follow PVE's naming rules (the GUI and API reject others), be
 * unique on the node, and enslave only ports that exist and no other bridge uses.
 */
export const bridgeNames: Rule = {
  id: "B1",
  title: "Bridges have valid, unique names and existing, unshared ports",
  check(model) {
    const out: RuleFinding[] = [];
    for (const node of model.nodes) {
      const ifaces = node.interfaces;
      if (!ifaces?.bridges) continue;
      const others = new Set<string>([
        ...(ifaces.physical ?? []),
        ...(ifaces.bonds ?? []).map((b) => b.name),
        ...(ifaces.vlans ?? []).map((v) => v.name),
      ]);
      const known = ifaces.physical !== undefined ? new Set([...others]) : undefined;
      const seen = new Set<string>();
      const portOwner = new Map<string, string>();
      ifaces.bridges.forEach((bridge, j) => {
        const path = model.nodePath(node.name, "interfaces", "bridges", j);
        if (!BRIDGE_NAME.test(bridge.name)) {
          out.push(
            finding(
              "B1",
              "error",
              `${path}/name`,
              `Bridge '${bridge.name}' on '${node.name}' breaks PVE's naming rule: vmbrN (N 0–4094), or a letter followed by letters and digits, at most 10 characters.`,
              `Rename it, e.g. 'vmbr${j + 1}'.`,
            ),
          );
        }
        if (seen.has(bridge.name) || others.has(bridge.name)) {
          out.push(
            finding(
              "B1",
              "error",
              `${path}/name`,
              `'${bridge.name}' is declared more than once on '${node.name}' (as a bridge ${seen.has(bridge.name) ? "twice" : "and as another interface"}).`,
              `Give each interface on '${node.name}' its own name.`,
            ),
          );
        }
        seen.add(bridge.name);
        (bridge.ports ?? []).forEach((port, k) => {
          if (known && !known.has(port)) {
            out.push(
              finding(
                "B1",
                "error",
                `${path}/ports/${k}`,
                `Bridge '${bridge.name}' on '${node.name}' enslaves '${port}', which is neither a physical NIC, a bond nor a VLAN interface of that node.`,
                `Use an interface '${node.name}' declares, or add '${port}' to its interfaces.`,
              ),
            );
          }
          const owner = portOwner.get(port);
          if (owner !== undefined && owner !== bridge.name) {
            out.push(
              finding(
                "B1",
                "error",
                `${path}/ports/${k}`,
                `'${port}' on '${node.name}' is a port of both '${owner}' and '${bridge.name}'; an interface can belong to one bridge only.`,
                `Remove '${port}' from one of the bridges (use a VLAN interface such as '${port}.<vid>' for the second one).`,
              ),
            );
          } else {
            portOwner.set(port, bridge.name);
          }
        });
      });
    }
    return out;
  },
};
