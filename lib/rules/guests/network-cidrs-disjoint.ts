import * as ipaddr from "ipaddr.js";
import { pointer } from "../../model/findings";
import { Cidr, cidrsOverlap, parseCidr } from "../../model/net";
import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

function roleSet(roles: readonly string[] | undefined): string {
  return [...new Set(roles ?? [])].sort().join(",");
}

/**
 * IP1: each network entry is one subnet with its roles. Two entries whose CIDRs overlap
 * make it ambiguous which network (and so which role) an address belongs to: traffic
 * meant for one role runs over the other. Sharing a subnet between roles is expressed
 * by giving one network several roles (rule C3 judges that), never by two entries.
 */
export const networkCidrsDisjoint: Rule = {
  id: "IP1",
  title: "Network CIDRs are valid and do not overlap",
  check(model) {
    const out: RuleFinding[] = [];
    const parsed: { index: number; cidr: Cidr }[] = [];
    model.networks.forEach((net, i) => {
      const path = pointer("spec", "networks", i, "cidr");
      const cidr = typeof net.cidr === "string" ? parseCidr(net.cidr) : undefined;
      if (!cidr) {
        out.push(finding("IP1", "error", path, `Network '${net.name}' has CIDR '${net.cidr}', which is not an IPv4 or IPv6 network in address/prefix form.`, `Write it like '10.0.10.0/24' or 'fd00:10::/64'.`));
        return;
      }
      const base = (cidr.address.kind() === "ipv4" ? ipaddr.IPv4 : ipaddr.IPv6).networkAddressFromCIDR(net.cidr).toString();
      if (base !== cidr.address.toString()) {
        out.push(
          finding(
            "IP1",
            "warning",
            path,
            `Network '${net.name}' is written as ${net.cidr}, which has host bits set; the network is ${base}/${cidr.prefix}.`,
            `Write the CIDR as '${base}/${cidr.prefix}'.`,
          ),
        );
      }
      parsed.push({ index: i, cidr });
    });
    for (let a = 0; a < parsed.length; a++) {
      for (let b = a + 1; b < parsed.length; b++) {
        if (!cidrsOverlap(parsed[a].cidr, parsed[b].cidr)) continue;
        const first = model.networks[parsed[a].index];
        const second = model.networks[parsed[b].index];
        const sameRoles = roleSet(first.roles) === roleSet(second.roles);
        out.push(
          finding(
            "IP1",
            sameRoles ? "warning" : "error",
            pointer("spec", "networks", parsed[b].index, "cidr"),
            sameRoles
              ? `Networks '${first.name}' (${first.cidr}) and '${second.name}' (${second.cidr}) overlap; addresses in the shared range belong to both, which makes routing and address checks ambiguous.`
              : `Networks '${first.name}' (${first.cidr}, roles ${roleSet(first.roles) || "none"}) and '${second.name}' (${second.cidr}, roles ${roleSet(second.roles) || "none"}) overlap, so traffic of one role can run over the other's links.`,
            sameRoles
              ? `Give the networks disjoint CIDRs, or merge them into one network.`
              : `Give the networks disjoint CIDRs. If one subnet really carries several roles, declare one network listing all of them (C3 judges whether that is allowed).`,
          ),
        );
      }
    }
    return out;
  },
};
