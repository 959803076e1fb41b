import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, plural } from "../guests/support";

/** pveceph recommends at least this many OSDs, spread evenly over at least three nodes. */
const MIN_OSDS = 12;
const MIN_OSD_NODES = 3;
/** Total OSD capacity of the smallest node may fall this far below the largest before it counts as uneven. */
const SIZE_TOLERANCE = 0.1;

/**
 * CD5: one OSD per physical disk, no RAID controller between Ceph and the disk, and the
 * same disk count and capacity on every node. Ceph fills disks by weight, so a node with
 * less capacity fills up first and caps the usable space; a RAID controller's cache and
 * error handling hide failures Ceph needs to see.
 */
export const osdLayout: Rule = {
  id: "CD5",
  title: "OSDs: one per disk, no RAID, at least 12 over 3 nodes, evenly spread",
  check(model) {
    const out: RuleFinding[] = [];
    if (!model.cephEnabled()) return out;
    const osdNodes = model.osdNodes();
    const total = model.osdCount();

    for (const node of model.nodes) {
      const osds = node.ceph?.osds ?? [];
      const seen = new Map<string, number>();
      osds.forEach((osd, j) => {
        if (typeof osd?.device !== "string") return;
        const first = seen.get(osd.device);
        if (first === undefined) {
          seen.set(osd.device, j);
          return;
        }
        out.push(
          finding(
            "CD5",
            "error",
            model.nodePath(node.name, "ceph", "osds", j, "device"),
            `Node '${node.name}' lists disk ${osd.device} for two OSDs (entries ${first} and ${j}); an OSD takes the whole disk, so the second cannot be created.`,
            `Remove the duplicate entry, or point it at another disk.`,
          ),
        );
      });
      const raid = osds.findIndex((osd) => osd?.behindRaid === true);
      if (raid >= 0) {
        const count = osds.filter((osd) => osd?.behindRaid === true).length;
        out.push(
          finding(
            "CD5",
            "warning",
            model.nodePath(node.name, "ceph", "osds", raid, "behindRaid"),
            `${plural(count, "OSD")} on '${node.name}' sit${count === 1 ? "s" : ""} behind a RAID controller; its cache and error handling hide disk failures and reorder writes that Ceph has to control itself.`,
            `Connect the disks through an HBA, or switch the controller to HBA/IT mode.`,
          ),
        );
      }
    }

    if (total > 0 && (total < MIN_OSDS || osdNodes.length < MIN_OSD_NODES)) {
      out.push(
        finding(
          "CD5",
          "warning",
          pointer("spec", "ceph"),
          `Ceph has ${plural(total, "OSD")} on ${plural(osdNodes.length, "node")}; Proxmox recommends at least ${MIN_OSDS} OSDs spread evenly over at least ${MIN_OSD_NODES} nodes, so that a failed disk's data can be recovered quickly onto many others.`,
          `Add OSDs${osdNodes.length < MIN_OSD_NODES ? ` and OSD nodes (at least ${MIN_OSD_NODES})` : ""}, the same number per node.`,
        ),
      );
    }

    if (osdNodes.length >= 2) {
      const counts = osdNodes.map((n) => ({ node: n, count: (n.ceph?.osds ?? []).length }));
      const fewest = counts.reduce((a, b) => (b.count < a.count ? b : a));
      const most = counts.reduce((a, b) => (b.count > a.count ? b : a));
      if (fewest.count !== most.count) {
        out.push(
          finding(
            "CD5",
            "warning",
            model.nodePath(fewest.node.name, "ceph", "osds"),
            `OSDs are spread unevenly: '${fewest.node.name}' has ${fewest.count}, '${most.node.name}' has ${most.count}. Each node holds one copy, so the node with fewer disks carries more data per disk and limits the usable capacity.`,
            `Give every OSD node the same number of disks.`,
          ),
        );
      } else {
        // Capacity is only compared when every OSD states its size.
        const sizes = osdNodes.map((n) => {
          const osds = n.ceph?.osds ?? [];
          const known = osds.every((o) => typeof o?.sizeGiB === "number");
          return { node: n, size: known ? osds.reduce((s, o) => s + (o.sizeGiB as number), 0) : undefined };
        });
        if (sizes.every((s) => s.size !== undefined)) {
          const smallest = sizes.reduce((a, b) => (b.size! < a.size! ? b : a));
          const largest = sizes.reduce((a, b) => (b.size! > a.size! ? b : a));
          if (smallest.size! < largest.size! * (1 - SIZE_TOLERANCE)) {
            out.push(
              finding(
                "CD5",
                "warning",
                model.nodePath(smallest.node.name, "ceph", "osds"),
                `OSD capacity is uneven: '${smallest.node.name}' has ${smallest.size} GiB, '${largest.node.name}' ${largest.size} GiB. With one copy per node, the smallest node fills up first and caps the usable space.`,
                `Use disks of the same size on every node (within ${SIZE_TOLERANCE * 100} %).`,
              ),
            );
          }
        }
      }
    }
    return out;
  },
};
