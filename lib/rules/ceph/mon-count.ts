import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, plural, quoted } from "../guests/support";
import { hasHaGuests } from "./ceph-networks";

/** Up to this many nodes, three monitors are all Proxmox recommends. */
const SMALL_CLUSTER_NODES = 7;

/**
 * CD2: monitors keep the cluster map by majority; with fewer than three, one failure stops
 * Ceph. Without any, Ceph cannot start at all. A node holds at most one monitor (the spec
 * has a `mon` flag per node), so "monitors on distinct hosts" holds by construction.
 * More than three on a small cluster is legal and survives two failures with five, but
 * costs resources Proxmox says are not needed: reported as information.
 */
export const monCount: Rule = {
  id: "CD2",
  title: "At least three Ceph monitors (more only on larger clusters)",
  check(model) {
    const out: RuleFinding[] = [];
    if (!model.cephEnabled()) return out;
    const mons = model.monNodes();
    if (mons.length < 3) {
      const ha = hasHaGuests(model);
      out.push(
        finding(
          "CD2",
          mons.length === 0 || ha ? "error" : "warning",
          pointer("spec", "ceph"),
          mons.length === 0
            ? `No node runs a Ceph monitor ('ceph.mon: true'); without monitors Ceph cannot start.`
            : `Ceph has ${plural(mons.length, "monitor")} (${quoted(mons.map((n) => n.name))}); the monitors need a majority, so losing any one of them stops all Ceph I/O${ha ? ", including the disks of the HA guests" : ""}.`,
          `Set 'ceph.mon: true' on three nodes.`,
        ),
      );
    } else if (mons.length > 3 && model.nodes.length <= SMALL_CLUSTER_NODES) {
      out.push(
        finding(
          "CD2",
          "info",
          model.nodePath(mons[3].name, "ceph", "mon"),
          `Ceph has ${mons.length} monitors on a ${model.nodes.length}-node cluster; Proxmox notes that small and medium clusters do not need more than three, and each extra monitor takes part in every map update.`,
          `Keep three monitors unless you want the cluster map to survive ${Math.floor((mons.length - 1) / 2)} monitor failures.`,
        ),
      );
    }
    return out;
  },
};
