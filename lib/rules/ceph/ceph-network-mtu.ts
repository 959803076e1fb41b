import { Rule, RuleFinding } from "../rule";
import { DEFAULT_MTU } from "../guests/node-interfaces";
import { finding } from "../guests/support";
import { cephNetworks } from "./ceph-networks";

/** IP + ICMP headers a `ping -s` payload must leave room for. */
const PING_OVERHEAD = { ipv4: 28, ipv6: 48 } as const;

/**
 * CN6: every device on a Ceph network's path must use the same MTU. A node whose interface
 * is smaller drops the large frames its peers send; Ceph then sees OSDs that answer small
 * heartbeats but stall on data, which looks like flapping, not like an MTU problem.
 * Bridges, bonds and VLAN interfaces that carry the network are compared with the
 * network's `mtu`; physical NIC MTUs are not in the spec. B4 checks every other network.
 */
export const cephNetworkMtu: Rule = {
  id: "CN6",
  title: "Interfaces carrying a Ceph network use the network's MTU; jumbo frames get a ping check",
  check(model) {
    const out: RuleFinding[] = [];
    let jumbo: { name: string; mtu: number; family: "ipv4" | "ipv6" } | undefined;
    for (const { kind, net } of cephNetworks(model)) {
      const want = typeof net.mtu === "number" ? net.mtu : DEFAULT_MTU;
      if (want > DEFAULT_MTU && !jumbo) jumbo = { name: net.name, mtu: want, family: model.cidrOf(net.name)?.address.kind() === "ipv6" ? "ipv6" : "ipv4" };
      for (const node of model.nodes) {
        const carriers = [
          { list: node.interfaces?.bridges ?? [], kind: "bridges" },
          { list: node.interfaces?.bonds ?? [], kind: "bonds" },
          { list: node.interfaces?.vlans ?? [], kind: "vlans" },
        ] as const;
        for (const { list, kind: ifaceKind } of carriers) {
          list.forEach((iface: { name: string; mtu?: number; network?: string }, j: number) => {
            if (iface?.network !== net.name) return;
            const have = typeof iface.mtu === "number" ? iface.mtu : DEFAULT_MTU;
            if (have === want) return;
            out.push(
              finding(
                "CN6",
                "warning",
                model.nodePath(node.name, "interfaces", ifaceKind, j, iface.mtu === undefined ? "name" : "mtu"),
                `'${iface.name}' on '${node.name}' carries the Ceph ${kind} network '${net.name}' with MTU ${have}, but the network uses ${want}. Frames above ${Math.min(have, want)} bytes between this node and its peers are dropped, so OSDs stall on data while their heartbeats still pass.`,
                `Set the MTU of '${iface.name}' to ${want} (and of the NICs and switch ports beneath it), or change the network's 'mtu' if ${have} is meant everywhere.`,
              ),
            );
          });
        }
      }
    }
    if (jumbo) {
      const size = jumbo.mtu - PING_OVERHEAD[jumbo.family];
      out.push(
        finding(
          "CN6",
          "info",
          model.networkPath(jumbo.name, "mtu"),
          `Ceph network '${jumbo.name}' uses jumbo frames (MTU ${jumbo.mtu}). Every NIC, bond, bridge and switch port on the path must allow them, and the spec cannot show the switches.`,
          `After setting up the network, check each pair of nodes with 'ping${jumbo.family === "ipv6" ? " -6" : ""} -M do -s ${size} <peer address>' before creating OSDs.`,
        ),
      );
    }
    return out;
  },
};
