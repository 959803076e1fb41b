import { Rule, RuleFinding } from "../rule";
import { DEFAULT_MTU, nodeInterfaces } from "./node-interfaces";
import { finding } from "./support";

/**
 * B3: a guest NIC's `mtu` is a VirtIO-only option; 1 means "inherit the bridge MTU", any
 * other value must fit through the bridge, or large frames are dropped.
 */
export const guestNicMtu: Rule = {
  id: "B3",
  title: "Guest NIC MTU only on VirtIO and not above the bridge MTU",
  check(model) {
    const out: RuleFinding[] = [];
    const interfaces = new Map(model.nodes.map((n) => [n.name, nodeInterfaces(n)]));
    const reported = new Set<string>();
    for (const guest of model.guests()) {
      const nodes = model.guestNodes(guest);
      for (const { nic, path } of model.guestNics(guest)) {
        const mtu = nic.mtu;
        const mtuPath = `${path}/mtu`;
        if (mtu === undefined || reported.has(mtuPath)) continue; // a NIC many clones inherit is reported once
        const nicModel = nic.model ?? "virtio";
        if (!Number.isInteger(mtu) || mtu < 1 || mtu > 65520) {
          reported.add(mtuPath);
          out.push(finding("B3", "error", mtuPath, `A NIC of '${guest.spec.name}' has MTU ${mtu}; PVE accepts 1 (inherit the bridge's) up to 65520.`, `Set 'mtu' to 1 or to a value no larger than the bridge's MTU.`));
          continue;
        }
        if (nicModel !== "virtio") {
          reported.add(mtuPath);
          out.push(finding("B3", "error", mtuPath, `A NIC of '${guest.spec.name}' uses model ${nicModel} and sets an MTU; PVE supports the MTU option only on VirtIO NICs.`, `Use 'model: virtio', or remove 'mtu' and set the MTU inside the guest.`));
          continue;
        }
        if (mtu === 1) continue;
        for (const n of nodes) {
          const bridge = interfaces.get(n)?.bridges?.get(nic.bridge)?.spec;
          if (!bridge) continue;
          const bridgeMtu = bridge.mtu ?? DEFAULT_MTU;
          if (mtu > bridgeMtu) {
            reported.add(mtuPath);
            out.push(
              finding(
                "B3",
                "error",
                mtuPath,
                `A NIC of '${guest.spec.name}' has MTU ${mtu}, larger than the MTU ${bridgeMtu} of bridge '${nic.bridge}' on '${n}'; PVE refuses it (frames that large could not leave the bridge).`,
                `Lower the NIC's 'mtu' to ${bridgeMtu} (or 1 to inherit), or raise the bridge's MTU on every node.`,
              ),
            );
            break;
          }
        }
      }
    }
    return out;
  },
};
