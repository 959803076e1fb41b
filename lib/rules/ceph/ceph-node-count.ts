import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding, plural, quoted } from "../guests/support";
import { hasHaGuests } from "./ceph-networks";

/**
 * CD1: Ceph keeps copies on different hosts; with fewer than three hosts it cannot keep
 * three copies and keep serving with one host down. With HA guests that is an error:
 * their disks would stall exactly when HA needs them on the surviving node.
 */
export const cephNodeCount: Rule = {
  id: "CD1",
  title: "Hyper-converged Ceph runs on at least three nodes",
  check(model) {
    if (!model.cephEnabled()) return [];
    const nodes = model.cephNodes();
    if (nodes.length >= 3) return [];
    const ha = hasHaGuests(model);
    return [
      finding(
        "CD1",
        ha ? "error" : "warning",
        pointer("spec", "ceph"),
        `Ceph runs on ${plural(nodes.length, "node")}${nodes.length > 0 ? ` (${quoted(nodes.map((n) => n.name))})` : ""}; Proxmox requires at least three, preferably identical, so that three copies sit on three hosts and one host can fail${ha ? ". HA guests would lose their disks exactly when they fail over" : ""}.`,
        `Add Ceph daemons and OSDs to a third node${ha ? ", or keep HA guests off Ceph" : ""}; for two servers, prefer a replicated local storage (ZFS) over Ceph.`,
      ),
    ];
  },
};
