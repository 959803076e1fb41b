import { Cidr } from "../../model/net";
import { NodeSpec } from "../../model/spec-types";
import { Rule, RuleFinding } from "../rule";
import { finding, inCidr, parseHostIp } from "../guests/support";
import { cephNetworks } from "./ceph-networks";

/** The node's addresses (network name → IP) that fall inside a CIDR, whatever network they are listed under. */
function addressesIn(node: NodeSpec, cidr: Cidr): [string, string][] {
  return Object.entries(node.addresses ?? {}).filter(([, ip]) => {
    const parsed = parseHostIp(ip);
    return parsed !== undefined && inCidr(parsed, cidr);
  });
}

/**
 * CN5: Ceph daemons bind to the one address a node has in the public network; OSDs also
 * bind to one in the cluster network for replication. A node with none cannot take part,
 * and a node with two leaves it to chance which one Ceph picks.
 */
export const cephNodeAddresses: Rule = {
  id: "CN5",
  title: "Each Ceph node has exactly one public address, and each OSD node one cluster address",
  check(model) {
    const out: RuleFinding[] = [];
    const cephNodes = model.cephNodes();
    if (cephNodes.length === 0) return out;
    for (const { kind, net } of cephNetworks(model)) {
      const cidr = model.cidrOf(net.name);
      if (!cidr) continue; // IP1 reports invalid CIDRs
      for (const node of cephNodes) {
        const osds = (node.ceph?.osds ?? []).length;
        if (kind === "cluster" && osds === 0) continue; // only OSDs use the cluster network
        const inside = addressesIn(node, cidr);
        if (inside.length === 1) continue;
        // A monitor node without a public address is CN4's finding, with a more precise path.
        if (inside.length === 0 && kind === "public" && node.ceph?.mon) continue;
        const role = kind === "public" ? "its Ceph daemons and clients" : `its ${osds === 1 ? "OSD" : "OSDs"} (replication and recovery)`;
        out.push(
          finding(
            "CN5",
            "error",
            model.nodePath(node.name, "addresses"),
            inside.length === 0
              ? `Node '${node.name}' takes part in Ceph but has no address in the Ceph ${kind} network ${net.cidr} ('${net.name}'), which ${role} need.`
              : `Node '${node.name}' has ${inside.length} addresses in the Ceph ${kind} network ${net.cidr} (${inside.map(([n, ip]) => `${n}: ${ip}`).join(", ")}); Ceph binds ${role} to one, and which one is left to chance.`,
            inside.length === 0
              ? `Add 'addresses.${net.name}: <ip in ${net.cidr}>' to node '${node.name}'.`
              : `Keep exactly one address of '${node.name}' inside ${net.cidr}.`,
          ),
        );
      }
    }
    return out;
  },
};
