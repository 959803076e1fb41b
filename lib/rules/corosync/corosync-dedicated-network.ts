import { Rule } from "../rule";
import { BULK_ROLES, bulkTrafficNetworks, finding, quoted, rolesOf } from "./support";

/**
 * C2: the link corosync actually uses should be its own physical network. It needs
 * little bandwidth (1 GbE is plenty) but steady low latency, which management and guest
 * traffic on the same NIC or switch can spoil. Storage and migration traffic on that
 * link is the stronger C3 and is not repeated here.
 */
export const corosyncDedicatedNetwork: Rule = {
  id: "C2",
  title: "The primary corosync link has a dedicated network",
  check(model) {
    const link = model.primaryLink();
    const net = link ? model.network(link.network) : undefined;
    if (!link || !net) return [];
    const otherRoles = rolesOf(net).filter((r) => r !== "corosync" && !BULK_ROLES.has(r));
    const bulk = bulkTrafficNetworks(model);
    const physical = model.physicalOf(net.name);
    const neighbours = model.networks
      .filter((n) => n.name !== net.name && model.physicalOf(n.name) === physical && !bulk.has(n.name))
      .filter((n) => rolesOf(n).some((r) => r !== "corosync"))
      .map((n) => n.name);
    if (otherRoles.length === 0 && neighbours.length === 0) return [];
    const parts: string[] = [];
    if (otherRoles.length > 0) parts.push(`also carries ${quoted(otherRoles)} traffic`);
    if (neighbours.length > 0) parts.push(`shares the physical network '${physical}' with ${quoted(neighbours)}`);
    return [
      finding(
        "C2",
        "warning",
        model.linkPath(link, "network"),
        `Corosync link ${link.id} runs on network '${net.name}', which ${parts.join(" and ")}. Busy traffic there adds latency to corosync; the Proxmox docs recommend a dedicated NIC for it (1 GbE is enough).`,
        `Give corosync its own network on a separate NIC (its own 'physical'), with only the 'corosync' role, as the highest-priority link; keep '${net.name}' as a lower-priority fallback link if you like.`,
      ),
    ];
  },
};
