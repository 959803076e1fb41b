import { cidrContains, cidrsOverlap } from "../../model/net";
import { Rule } from "../rule";
import { bulkTrafficNetworks, finding, isIpLiteral, quoted } from "./support";

/** What typically fills the link, by the kind of traffic found on it. */
function saturators(kinds: ReadonlySet<string>): string {
  const list: string[] = [];
  if (kinds.has("ceph")) list.push("Ceph recovery or a VM install writing to Ceph");
  if (kinds.has("storage")) list.push("a VM install or backup on network storage");
  if (kinds.has("migration")) list.push("a live migration");
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
}

function kindOf(what: string): string {
  return what.startsWith("Ceph") ? "ceph" : what.startsWith("migration") ? "migration" : "storage";
}

/**
 * C3, the rule this project exists for: the link corosync uses while it is up must not
 * carry storage (Ceph, NFS, iSCSI, …) or migration traffic. Bulk transfers fill the link,
 * corosync packets queue behind them, the token times out, and nodes leave the
 * membership or fence themselves. The docs allow storage networks for corosync only as
 * a lower-priority fallback link, so only the primary link (model.primaryLink) is judged.
 *
 * Sharing is found four ways: the link's network has a storage/migration role (or Ceph
 * or migration settings name it); another storage network overlaps its CIDR; another
 * storage network runs on the same `physical` network; a storage server or external
 * Ceph monitor has an address inside its CIDR.
 */
export const corosyncSharesStorageNetwork: Rule = {
  id: "C3",
  title: "The primary corosync link does not share a network with storage or migration traffic",
  check(model) {
    const link = model.primaryLink();
    const net = link ? model.network(link.network) : undefined;
    if (!link || !net) return [];
    const bulk = bulkTrafficNetworks(model);
    const cidr = model.cidrOf(net.name);
    const physical = model.physicalOf(net.name);

    const reasons: string[] = [];
    const kinds = new Set<string>();
    const own = bulk.get(net.name);
    if (own) {
      reasons.push(`network '${net.name}' itself carries ${own.join(", ")}`);
      own.forEach((w) => kinds.add(kindOf(w)));
    }
    for (const [name, what] of bulk) {
      if (name === net.name) continue;
      const other = model.cidrOf(name);
      if (cidr && other && cidrsOverlap(cidr, other)) {
        reasons.push(`its subnet ${net.cidr} overlaps '${name}' (${model.network(name)!.cidr}), which carries ${what.join(", ")}`);
      } else if (model.physicalOf(name) === physical) {
        reasons.push(`it runs on the same physical network '${physical}' as '${name}', which carries ${what.join(", ")}`);
      } else {
        continue;
      }
      what.forEach((w) => kinds.add(kindOf(w)));
    }
    if (cidr) {
      for (const s of model.body.storages ?? []) {
        const hosts = [s.server, ...(Array.isArray(s.monhost) ? s.monhost : [])].filter(
          (h): h is string => isIpLiteral(h) && cidrContains(cidr, h),
        );
        if (hosts.length === 0) continue;
        reasons.push(`storage '${s.id}' (${s.type}) is served from ${quoted(hosts, 3)} inside ${net.cidr}`);
        kinds.add(s.type === "rbd" || s.type === "cephfs" ? "ceph" : "storage");
      }
    }
    if (reasons.length === 0) return [];

    const fallback = model.linksByPreference().length > 1 ? "" : " There is no other link to fall back to.";
    return [
      finding(
        "C3",
        "error",
        model.linkPath(link, "network"),
        `Corosync link ${link.id} is the link corosync uses while it is up, and it shares its network with bulk traffic: ${reasons.join("; ")}. ` +
          `${saturators(kinds)} can saturate the link; corosync then misses its token timeout and the node drops out of the cluster or is fenced — the failure the original two-server cluster hit.${fallback}`,
        `Add a network with only the 'corosync' role on its own NIC and switch (its own 'physical'; 1 GbE is enough), give every node an address on it, and make it the highest-priority link (e.g. { id: 0, network: <new>, priority: 20 }). ` +
          `Keep '${net.name}' only as a lower-priority fallback link (e.g. { id: 1, network: '${net.name}', priority: 10 }).`,
      ),
    ];
  },
};
