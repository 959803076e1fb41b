import { Rule, RuleFinding } from "../rule";
import { DEFAULT_MTU, nodeInterfaces } from "./node-interfaces";
import { finding } from "./support";

/** Ceph networks are checked by CN6 (same MTU along the Ceph path); B4 covers every other network. */
const CEPH_ROLES = new Set(["ceph-public", "ceph-cluster"]);

/**
 * B4: frames larger than the smallest MTU on their path are dropped silently, which
 * shows up as hangs, not errors. A bridge (or VLAN interface) must not exceed the MTU
 * of what it sits on, and each network uses one MTU on every node (its declared `mtu`).
 */
export const mtuConsistency: Rule = {
  id: "B4",
  title: "MTUs never grow along an interface stack and match the network on every node",
  check(model) {
    const out: RuleFinding[] = [];
    for (const node of model.nodes) {
      const ifaces = nodeInterfaces(node);
      const mtuOfLower = (name: string): number | undefined => {
        // Physical NIC MTUs are not in the spec, so only bonds, VLAN interfaces and bridges can be compared.
        const iface = ifaces.bonds.get(name)?.spec ?? ifaces.vlans.get(name)?.spec ?? ifaces.bridges?.get(name)?.spec;
        return iface ? (iface.mtu ?? DEFAULT_MTU) : undefined;
      };
      (node.interfaces?.bridges ?? []).forEach((bridge, j) => {
        const mtu = bridge.mtu ?? DEFAULT_MTU;
        for (const port of bridge.ports ?? []) {
          const lower = mtuOfLower(port);
          if (lower === undefined || mtu <= lower) continue;
          out.push(
            finding(
              "B4",
              "warning",
              model.nodePath(node.name, "interfaces", "bridges", j, bridge.mtu === undefined ? "name" : "mtu"),
              `Bridge '${bridge.name}' on '${node.name}' has MTU ${mtu}, but its port '${port}' only ${lower}; frames above ${lower} bytes are dropped on the way out.`,
              `Raise the MTU of '${port}' to ${mtu}, or lower the bridge's MTU to ${lower}.`,
            ),
          );
        }
      });
      (node.interfaces?.vlans ?? []).forEach((vlan, j) => {
        const dot = typeof vlan.name === "string" ? vlan.name.lastIndexOf(".") : -1;
        if (dot < 1) return; // B2 reports malformed names
        const parent = vlan.name.slice(0, dot);
        const lower = mtuOfLower(parent);
        const mtu = vlan.mtu ?? DEFAULT_MTU;
        if (lower === undefined || mtu <= lower) return;
        out.push(
          finding(
            "B4",
            "warning",
            model.nodePath(node.name, "interfaces", "vlans", j, vlan.mtu === undefined ? "name" : "mtu"),
            `VLAN interface '${vlan.name}' on '${node.name}' has MTU ${mtu}, larger than the MTU ${lower} of '${parent}' beneath it.`,
            `Raise the MTU of '${parent}' to at least ${mtu}, or lower '${vlan.name}' to ${lower}.`,
          ),
        );
      });

      // Every interface carrying a network uses that network's MTU.
      const carriers: { kind: string; list: readonly { name: string; mtu?: number; network?: string }[] }[] = [
        { kind: "bridges", list: node.interfaces?.bridges ?? [] },
        { kind: "bonds", list: node.interfaces?.bonds ?? [] },
        { kind: "vlans", list: node.interfaces?.vlans ?? [] },
      ];
      for (const { kind, list } of carriers) {
        list.forEach((iface, j) => {
          if (iface.network === undefined) return;
          const net = model.network(iface.network);
          if (!net || (net.roles ?? []).some((r) => CEPH_ROLES.has(r))) return;
          const want = net.mtu ?? DEFAULT_MTU;
          const have = iface.mtu ?? DEFAULT_MTU;
          if (have === want) return;
          out.push(
            finding(
              "B4",
              "warning",
              model.nodePath(node.name, "interfaces", kind, j, iface.mtu === undefined ? "name" : "mtu"),
              `'${iface.name}' on '${node.name}' carries network '${net.name}' with MTU ${have}, but the network is declared with MTU ${want}; nodes on one network must agree, or large packets between them are lost.`,
              `Set the MTU of '${iface.name}' to ${want}, or change the network's 'mtu' if ${have} is meant for every node.`,
            ),
          );
        });
      }
    }
    return out;
  },
};
