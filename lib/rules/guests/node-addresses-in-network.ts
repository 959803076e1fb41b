import { Rule, RuleFinding } from "../rule";
import { finding, inCidr, isNetworkOrBroadcast, parseHostIp, quoted } from "./support";

/**
 * IP3: a node's address for a network must be a valid host address inside that
 * network's CIDR, and every interface that claims to carry a network needs the node's
 * address on it; otherwise the interface comes up without the address the roles expect.
 */
export const nodeAddressesInNetwork: Rule = {
  id: "IP3",
  title: "Node addresses are valid hosts inside their network, on every network the node's interfaces carry",
  check(model) {
    const out: RuleFinding[] = [];
    for (const node of model.nodes) {
      const addresses = node.addresses ?? {};
      for (const [network, text] of Object.entries(addresses)) {
        const path = model.nodePath(node.name, "addresses", network);
        const net = model.network(network);
        if (!net) {
          out.push(finding("IP3", "error", path, `Node '${node.name}' has an address on '${network}', which is not a declared network.`, `Declare network '${network}' or use one of ${quoted(model.networks.map((n) => n.name))}.`));
          continue;
        }
        const ip = parseHostIp(text);
        if (!ip) {
          out.push(finding("IP3", "error", path, `Node '${node.name}' has '${text}' as its address on '${network}', which is not an IP address (give the address alone, without a prefix).`, `Write a plain address inside ${net.cidr}, e.g. without '/24'.`));
          continue;
        }
        const cidr = model.cidrOf(network);
        if (!cidr) continue; // IP1 reports the CIDR
        if (!inCidr(ip, cidr)) {
          out.push(finding("IP3", "error", path, `Node '${node.name}' uses ${text} on '${network}', which lies outside that network's ${net.cidr}.`, `Pick an address inside ${net.cidr}, or correct the network's CIDR.`));
        } else if (isNetworkOrBroadcast(ip, cidr)) {
          out.push(finding("IP3", "error", path, `Node '${node.name}' uses ${text} on '${network}', which is the network or broadcast address of ${net.cidr}, not a usable host address.`, `Pick a host address inside ${net.cidr}.`));
        }
      }
      const ifaces = node.interfaces;
      const carriers: [string, readonly { name: string; network?: string }[]][] = [
        ["bridges", ifaces?.bridges ?? []],
        ["bonds", ifaces?.bonds ?? []],
        ["vlans", ifaces?.vlans ?? []],
      ];
      for (const [kind, list] of carriers) {
        list.forEach((iface, j) => {
          if (iface.network === undefined) return;
          const path = model.nodePath(node.name, "interfaces", kind, j, "network");
          if (!model.network(iface.network)) {
            out.push(finding("IP3", "error", path, `'${iface.name}' on '${node.name}' carries network '${iface.network}', which is not declared.`, `Declare network '${iface.network}' or use one of ${quoted(model.networks.map((n) => n.name))}.`));
          } else if (addresses[iface.network] === undefined) {
            out.push(finding("IP3", "error", path, `'${iface.name}' on '${node.name}' carries network '${iface.network}', but the node has no address on it, so the interface would come up without one.`, `Add addresses.${iface.network} to node '${node.name}', or drop 'network' from '${iface.name}'.`));
          }
        });
      }
    }
    return out;
  },
};
