import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "../guests/support";

/**
 * CD4: the manager runs health reporting, the dashboard and the PG autoscaler; Ceph has
 * required one since Luminous. With a single manager those stop while its node is down.
 * Proxmox places managers beside the monitors; one elsewhere works, so that is only noted.
 */
export const mgrPlacement: Rule = {
  id: "CD4",
  title: "At least one Ceph manager, two for HA, placed on MON nodes",
  check(model) {
    const out: RuleFinding[] = [];
    if (!model.cephEnabled()) return out;
    const mgrs = model.mgrNodes();
    if (mgrs.length === 0) {
      out.push(
        finding(
          "CD4",
          "error",
          pointer("spec", "ceph"),
          `No node runs a Ceph manager ('ceph.mgr: true'); without one, Ceph reports no health or usage and the PG autoscaler never runs.`,
          `Set 'ceph.mgr: true' on the MON nodes (at least two of them).`,
        ),
      );
    } else if (mgrs.length === 1) {
      out.push(
        finding(
          "CD4",
          "warning",
          model.nodePath(mgrs[0].name, "ceph", "mgr"),
          `Ceph has one manager, on '${mgrs[0].name}'; while that node is down there is no health reporting, dashboard or PG autoscaling.`,
          `Set 'ceph.mgr: true' on a second MON node; a standby manager takes over within seconds.`,
        ),
      );
    }
    const apart = mgrs.filter((n) => !n.ceph?.mon);
    if (apart.length > 0) {
      out.push(
        finding(
          "CD4",
          "info",
          model.nodePath(apart[0].name, "ceph", "mgr"),
          `Ceph managers on ${quoted(apart.map((n) => n.name))} run on nodes without a monitor; that works, but Proxmox places managers beside the monitors.`,
          `Move the manager${apart.length > 1 ? "s" : ""} to MON nodes unless the split is intended.`,
        ),
      );
    }
    return out;
  },
};
