import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { isVlanId, nodeInterfaces, parseVids } from "./node-interfaces";
import { finding, quoted } from "./support";

const VLAN_IFACE = /^(.+)\.(\d+)$/;

/**
 * B2: VLAN IDs are 1–4094; host VLAN interfaces are named `<parent>.<vid>`; a VLAN-aware
 * bridge only passes the VIDs in `vids`. A guest tag on a bridge that is not VLAN-aware
 * works only in PVE's "traditional" mode (hidden per-VLAN bridges created on the fly),
 * and a tag equal to a cluster network's VLAN puts the guest on that network.
 */
export const vlanIds: Rule = {
  id: "B2",
  title: "VLAN IDs, VLAN interface names and guest VLAN tags are consistent",
  check(model) {
    const out: RuleFinding[] = [];
    const push = (severity: "error" | "warning", path: string, message: string, hint: string) => out.push(finding("B2", severity, path, message, hint));

    // Networks: VIDs in range; remember which VLANs carry host-only traffic.
    const hostOnlyVlan = new Map<number, string>();
    model.networks.forEach((net, i) => {
      if (net.vlan === undefined) return;
      if (!isVlanId(net.vlan)) {
        push("error", pointer("spec", "networks", i, "vlan"), `Network '${net.name}' has VLAN ${JSON.stringify(net.vlan)}; 802.1Q VLAN IDs are 1–4094.`, `Set 'vlan' to a number from 1 to 4094.`);
        return;
      }
      if (!(net.roles ?? []).includes("guest") && !hostOnlyVlan.has(net.vlan)) hostOnlyVlan.set(net.vlan, net.name);
    });

    const interfaces = new Map(model.nodes.map((n) => [n.name, nodeInterfaces(n)]));
    for (const node of model.nodes) {
      const ifaces = interfaces.get(node.name)!;
      (node.interfaces?.vlans ?? []).forEach((vlan, j) => {
        const path = model.nodePath(node.name, "interfaces", "vlans", j);
        const m = VLAN_IFACE.exec(vlan.name);
        const vid = m ? Number(m[2]) : NaN;
        if (!m || !isVlanId(vid)) {
          push("error", `${path}/name`, `VLAN interface '${vlan.name}' on '${node.name}' is not named '<interface>.<vid>' with a VID of 1–4094.`, `Name it after its parent and VLAN, e.g. 'eno1.50' or 'bond0.30'.`);
          return;
        }
        const parent = m[1];
        const parentKnown = ifaces.bonds.has(parent) || (ifaces.bridges?.has(parent) ?? false) || (ifaces.physical?.has(parent) ?? false);
        if (ifaces.physical !== undefined && !parentKnown) {
          push("error", `${path}/name`, `VLAN interface '${vlan.name}' on '${node.name}' sits on '${parent}', which that node does not declare.`, `Declare '${parent}' (physical NIC, bond or bridge) on '${node.name}', or fix the name.`);
        }
        const net = vlan.network !== undefined ? model.network(vlan.network) : undefined;
        if (net?.vlan !== undefined && isVlanId(net.vlan) && net.vlan !== vid) {
          push("warning", `${path}/name`, `VLAN interface '${vlan.name}' carries network '${net.name}', which is declared on VLAN ${net.vlan}, not ${vid}.`, `Rename the interface to '${parent}.${net.vlan}' or correct the network's 'vlan'.`);
        }
      });
      (node.interfaces?.bridges ?? []).forEach((bridge, j) => {
        if (bridge.vids === undefined) return;
        if (!parseVids(bridge.vids)) {
          push("error", model.nodePath(node.name, "interfaces", "bridges", j, "vids"), `Bridge '${bridge.name}' on '${node.name}' has vids '${bridge.vids}', which is not a list of VLAN IDs or ranges within 1–4094.`, `Write it like '2-4094' or '10 20 100-199'.`);
        }
      });
    }

    // Guest tags, checked against the bridge on every node the guest may run on.
    const reported = new Set<string>();
    for (const guest of model.guests()) {
      const nodes = model.guestNodes(guest);
      for (const { nic, path } of model.guestNics(guest)) {
        if (nic.vlan === undefined) continue;
        const tagPath = `${path}/vlan`;
        if (reported.has(tagPath)) continue; // a NIC many clones inherit is reported once
        const tag = nic.vlan;
        if (!isVlanId(tag)) {
          reported.add(tagPath);
          push("error", tagPath, `A NIC of '${guest.spec.name}' has VLAN tag ${JSON.stringify(tag)}; tags are 1–4094.`, `Set 'vlan' to a number from 1 to 4094, or remove it for untagged traffic.`);
          continue;
        }
        const hostNet = hostOnlyVlan.get(tag);
        if (hostNet !== undefined) {
          reported.add(tagPath);
          push("warning", tagPath, `A NIC of '${guest.spec.name}' is tagged with VLAN ${tag}, the VLAN of cluster network '${hostNet}'; the guest would sit on that network and could disturb or read its traffic.`, `Use a VLAN meant for guests, or add the 'guest' role to '${hostNet}' if guests really belong there.`);
          continue;
        }
        for (const n of nodes) {
          const bridge = interfaces.get(n)?.bridges?.get(nic.bridge)?.spec;
          if (!bridge) continue; // B5 reports missing bridges
          if (!bridge.vlanAware) {
            reported.add(tagPath);
            push("warning", tagPath, `A NIC of '${guest.spec.name}' is tagged with VLAN ${tag} on bridge '${nic.bridge}', which is not VLAN-aware on '${n}'; PVE then creates hidden per-VLAN interfaces and bridges on the fly that are not part of the node's network configuration.`, `Set 'vlanAware: true' on bridge '${nic.bridge}' of ${quoted(nodes)}.`);
            break;
          }
          const ranges = parseVids(bridge.vids ?? "2-4094");
          if (ranges && tag !== 1 && !ranges.some(([lo, hi]) => tag >= lo && tag <= hi)) {
            reported.add(tagPath);
            push("error", tagPath, `A NIC of '${guest.spec.name}' is tagged with VLAN ${tag}, but bridge '${nic.bridge}' on '${n}' only passes VLANs ${bridge.vids}; its frames would be dropped.`, `Add ${tag} to the bridge's 'vids', or use a VLAN it passes.`);
            break;
          }
        }
      }
    }
    return out;
  },
};
