import { Rule, RuleFinding } from "../rule";
import { finding, isIpLiteral } from "./support";

/**
 * C8: a hostname in corosync.conf is resolved once, when the configuration is read; a
 * changed DNS record or /etc/hosts entry then silently moves the node to another address,
 * and getaddrinfo may prefer an IPv6 address. Ring addresses should be IP literals.
 */
export const corosyncAddressesAreIps: Rule = {
  id: "C8",
  title: "Corosync link addresses are IP addresses, not hostnames",
  check(model) {
    const out: RuleFinding[] = [];
    const linkNets = new Set(model.linksByPreference().map((l) => l.network));
    for (const node of model.nodes) {
      for (const net of linkNets) {
        const address = node.addresses?.[net];
        if (address === undefined || isIpLiteral(address)) continue;
        out.push(
          finding(
            "C8",
            "warning",
            model.nodePath(node.name, "addresses", net),
            `Node '${node.name}' has '${String(address)}' as its address on corosync network '${net}', which is not an IP address; corosync would resolve it once at startup and may pick a different (or IPv6) address than intended.`,
            `Write the node's IP address on '${net}' instead of a hostname.`,
          ),
        );
      }
    }
    return out;
  },
};
