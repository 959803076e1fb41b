import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, inCidr, inSubnet, ipKey, isNetworkOrBroadcast, parseHostCidr, parseHostIp } from "./support";

/**
 * IP4: a gateway is reachable only from inside its subnet, and a node (or guest) has one
 * default route per address family; a second gateway network silently replaces the first
 * or fails to apply.
 */
export const gateways: Rule = {
  id: "IP4",
  title: "Gateways lie inside their subnet; one default gateway per node and address family",
  check(model) {
    const out: RuleFinding[] = [];
    const gatewayKeys = new Map<string, string>(); // network name → gateway key
    model.networks.forEach((net, i) => {
      if (net.gateway === undefined) return;
      const path = pointer("spec", "networks", i, "gateway");
      const gw = parseHostIp(net.gateway);
      if (!gw) {
        out.push(finding("IP4", "error", path, `Network '${net.name}' has gateway '${net.gateway}', which is not an IP address.`, `Write the gateway as a plain address inside ${net.cidr}.`));
        return;
      }
      const cidr = model.cidrOf(net.name);
      if (!cidr) return;
      if (!inCidr(gw, cidr)) {
        out.push(finding("IP4", "error", path, `The gateway ${net.gateway} of network '${net.name}' lies outside ${net.cidr}, so no node on that network can reach it.`, `Use a gateway address inside ${net.cidr}.`));
        return;
      }
      if (isNetworkOrBroadcast(gw, cidr)) {
        out.push(finding("IP4", "error", path, `The gateway ${net.gateway} of network '${net.name}' is the network or broadcast address of ${net.cidr}.`, `Use the router's host address inside ${net.cidr}.`));
        return;
      }
      gatewayKeys.set(net.name, ipKey(gw));
    });

    for (const node of model.nodes) {
      const firstByFamily = new Map<string, string>();
      for (const [network, text] of Object.entries(node.addresses ?? {})) {
        const net = model.network(network);
        if (!net || net.gateway === undefined) continue;
        const ip = parseHostIp(text);
        const gw = gatewayKeys.get(network);
        if (ip && gw !== undefined && ipKey(ip) === gw) {
          out.push(finding("IP4", "error", model.nodePath(node.name, "addresses", network), `Node '${node.name}' uses ${text} on '${network}', which is that network's gateway address.`, `Give the node another address; the gateway belongs to the router.`));
        }
        const family = model.cidrOf(network)?.address.kind() ?? parseHostIp(net.gateway)?.kind;
        if (!family) continue;
        const first = firstByFamily.get(family);
        if (first === undefined) {
          firstByFamily.set(family, network);
          continue;
        }
        out.push(
          finding(
            "IP4",
            "error",
            model.nodePath(node.name, "addresses", network),
            `Node '${node.name}' has addresses on two ${family === "ipv4" ? "IPv4" : "IPv6"} networks with a gateway ('${first}' and '${network}'); a node has one default gateway per address family.`,
            `Keep 'gateway' on one of these networks only (usually management), and use static routes for the other if needed.`,
          ),
        );
      }
    }

    for (const guest of model.guests()) {
      if (guest.kind !== "vm") continue;
      const vm = guest.spec;
      const ci = vm.cloudInit;
      if (ci?.gateway === undefined) continue;
      const path = `${guest.path}/cloudInit/gateway`;
      const gw = parseHostIp(ci.gateway);
      if (!gw) {
        out.push(finding("IP4", "error", path, `VM '${vm.name}' has cloud-init gateway '${ci.gateway}', which is not an IP address.`, `Write the gateway as a plain address.`));
        continue;
      }
      const own = parseHostCidr(ci.ipv4);
      if (own && !inSubnet(gw, own.ip, own.prefix)) {
        out.push(finding("IP4", "error", path, `VM '${vm.name}' has gateway ${ci.gateway}, outside its own subnet ${ci.ipv4}; the guest cannot reach it.`, `Use a gateway inside the subnet of ${ci.ipv4}, or fix the VM's prefix length.`));
      }
    }
    return out;
  },
};
