import { ClusterModel } from "../../model/model";
import { cidrsOverlap } from "../../model/net";
import { NetworkSpec } from "../../model/spec-types";
import { Rule, RuleFinding } from "../rule";
import { finding } from "../guests/support";
import { cephNetworks } from "./ceph-networks";

/** How two networks share the wire: "is" for the same entry, else a phrase for overlapping subnets or one physical network. */
function sharing(model: ClusterModel, a: NetworkSpec, b: NetworkSpec): string | undefined {
  if (a === b) return "is";
  const ca = model.cidrOf(a.name);
  const cb = model.cidrOf(b.name);
  if (ca && cb && cidrsOverlap(ca, cb)) return `overlaps '${b.name}' (${a.cidr} and ${b.cidr})`;
  const pa = model.physicalOf(a.name);
  if (pa === model.physicalOf(b.name)) return `runs on the same physical network '${pa}' as '${b.name}'`;
  return undefined;
}

/**
 * CN2: Ceph recovery and rebalancing fill their links. When corosync's primary link shares
 * them, its packets queue behind replication, nodes lose quorum and HA fences them. This
 * rule reports the Ceph side (the `ceph.*Network` field); C3 reports the same conflict on
 * the corosync link. Corosync fallback links on the Ceph network are allowed. Guest
 * networks sharing Ceph's wire is only a warning: guests compete for bandwidth, nothing breaks.
 */
export const cephNetworkSeparation: Rule = {
  id: "CN2",
  title: "Ceph networks are separate from corosync's primary link (and preferably from guest networks)",
  check(model) {
    const out: RuleFinding[] = [];
    const ceph = cephNetworks(model);
    if (ceph.length === 0) return out;
    const primary = model.primaryLink();
    const corosyncNet = typeof primary?.network === "string" ? model.network(primary.network) : undefined;
    const guestNets = model.networks.filter((n) => (n?.roles ?? []).includes("guest"));
    for (const { kind, net, path } of ceph) {
      if (corosyncNet) {
        const how = sharing(model, net, corosyncNet);
        if (how) {
          out.push(
            finding(
              "CN2",
              "error",
              path,
              `The Ceph ${kind} network '${net.name}' ${how === "is" ? "itself carries" : `${how}, which carries`} corosync link ${primary!.id}, the link corosync uses while it is up. Ceph recovery traffic then delays corosync packets, nodes lose quorum and HA fences them.`,
              `Give corosync link ${primary!.id} its own physical network (a dedicated 1 Gbit/s NIC is enough) and keep '${net.name}' only as a lower-priority fallback link, or move Ceph to a separate network.`,
            ),
          );
        }
      }
      for (const guest of guestNets) {
        const how = sharing(model, net, guest);
        if (!how) continue;
        out.push(
          finding(
            "CN2",
            "warning",
            path,
            `The Ceph ${kind} network '${net.name}' ${how === "is" ? "is also a guest network" : `${how}, a guest network`}; guest traffic and Ceph replication compete for the same links, so busy guests slow the storage every guest depends on.`,
            `Put Ceph on its own network (or VLAN on separate NICs) apart from '${guest.name}'.`,
          ),
        );
      }
    }
    return out;
  },
};
