import { Rule, RuleFinding } from "../rule";
import { finding, inCidr, ipKey, ipText, parseHostCidr, parseHostIp } from "./support";

/**
 * IP5: static guest addresses (cloud-init `ipv4`) are written by hand, so collisions go
 * unnoticed until two machines fight over an ARP entry. They must be well-formed, unique
 * among guests, distinct from node and gateway addresses, and inside a guest network.
 */
export const guestStaticIps: Rule = {
  id: "IP5",
  title: "Guest static IPs are well-formed, unique, and inside a guest network",
  check(model) {
    const out: RuleFinding[] = [];
    const taken = new Map<string, string>(); // node and gateway addresses → who has it
    for (const node of model.nodes) {
      for (const [network, text] of Object.entries(node.addresses ?? {})) {
        const ip = parseHostIp(text);
        if (ip && !taken.has(ipKey(ip))) taken.set(ipKey(ip), `node '${node.name}' (on '${network}')`);
      }
    }
    for (const net of model.networks) {
      const gw = parseHostIp(net.gateway);
      if (gw && !taken.has(ipKey(gw))) taken.set(ipKey(gw), `the gateway of network '${net.name}'`);
    }
    const guestCidrs = model.networks.filter((n) => (n.roles ?? []).includes("guest")).flatMap((n) => {
      const c = model.cidrOf(n.name);
      return c ? [c] : [];
    });
    const byGuest = new Map<string, string>();
    for (const guest of model.guests()) {
      if (guest.kind !== "vm") continue;
      const vm = guest.spec;
      const text = vm.cloudInit?.ipv4;
      if (text === undefined || text === "dhcp") continue;
      const path = `${guest.path}/cloudInit/ipv4`;
      const parsed = parseHostCidr(text);
      if (!parsed || parsed.ip.kind !== "ipv4" || parsed.prefix < 8) {
        out.push(
          finding("IP5", "error", path, `VM '${vm.name}' has cloud-init ipv4 '${text}'; PVE expects 'dhcp' or an IPv4 address with a prefix length of 8–32, like 192.168.10.50/24.`, `Write the address with its prefix length, or 'dhcp'.`),
        );
        continue;
      }
      const key = ipKey(parsed.ip);
      const address = ipText(parsed.ip);
      const holder = taken.get(key);
      const otherGuest = byGuest.get(key);
      if (holder !== undefined) {
        out.push(finding("IP5", "warning", path, `VM '${vm.name}' is given ${address}, which is already ${holder}; both would answer for that address.`, `Pick a free address for '${vm.name}'.`));
      } else if (otherGuest !== undefined) {
        out.push(finding("IP5", "warning", path, `VM '${vm.name}' is given ${address}, which VM '${otherGuest}' already uses.`, `Give each VM its own address.`));
      } else {
        byGuest.set(key, vm.name);
      }
      if (guestCidrs.length > 0 && !guestCidrs.some((c) => inCidr(parsed.ip, c))) {
        out.push(
          finding(
            "IP5",
            "warning",
            path,
            `VM '${vm.name}' is given ${address}, which lies in none of the guest networks (${guestCidrs.map((c) => c.text).join(", ")}).`,
            `Use an address from a network with the 'guest' role, or declare the network it belongs to with that role.`,
          ),
        );
      }
    }
    return out;
  },
};
