import { Rule, RuleFinding } from "../rule";
import { finding, inCidr, parseHostIp } from "../guests/support";

/**
 * CN4: a monitor is created with `--mon-address`, which pvecdk takes from the node's
 * address on the public network; Ceph requires it to lie inside the public CIDR, or
 * clients and daemons cannot reach the monitor.
 */
export const monAddressInPublicNetwork: Rule = {
  id: "CN4",
  title: "Every MON node has its address inside the Ceph public network",
  check(model) {
    const out: RuleFinding[] = [];
    const name = model.body.ceph?.publicNetwork;
    if (typeof name !== "string") return out;
    const net = model.network(name);
    const cidr = model.cidrOf(name);
    if (!net || !cidr) return out; // CN1 / IP1 report these
    for (const node of model.monNodes()) {
      const address = node.addresses?.[name];
      if (address === undefined) {
        out.push(
          finding(
            "CN4",
            "error",
            model.nodePath(node.name, "ceph", "mon"),
            `Node '${node.name}' runs a Ceph monitor but has no address on the public network '${name}' (${net.cidr}), so the monitor has no address to listen on.`,
            `Add 'addresses.${name}: <ip in ${net.cidr}>' to node '${node.name}', or move its monitor to a node on '${name}'.`,
          ),
        );
        continue;
      }
      const ip = parseHostIp(address);
      if (ip && inCidr(ip, cidr)) continue;
      out.push(
        finding(
          "CN4",
          "error",
          model.nodePath(node.name, "addresses", name),
          `The monitor on '${node.name}' would use ${String(address)}, which is not inside the Ceph public network ${net.cidr}; Ceph refuses monitor addresses outside the public network.`,
          `Set 'addresses.${name}' of '${node.name}' to an address inside ${net.cidr}.`,
        ),
      );
    }
    return out;
  },
};
