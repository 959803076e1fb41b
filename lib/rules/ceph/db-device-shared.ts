import { Rule, RuleFinding } from "../rule";
import { finding } from "../guests/support";

/**
 * At most this many OSDs per DB/WAL device. Common guidance is about 4–5 HDD OSDs per SATA
 * SSD and up to about 10 per NVMe; pvecdk does not know the DB device's type, so it warns
 * above 6.
 */
export const MAX_OSDS_PER_DB_DEVICE = 6;

/**
 * CD7: every write of an OSD with a separate DB/WAL device passes through that device.
 * Shared by too many OSDs, it becomes the bottleneck, and when it fails, every OSD on it
 * fails at once. A DB device that is itself an OSD disk cannot work: the OSD takes the whole disk.
 */
export const dbDeviceShared: Rule = {
  id: "CD7",
  title: `A DB/WAL device serves at most ${MAX_OSDS_PER_DB_DEVICE} OSDs and is not an OSD disk`,
  check(model) {
    const out: RuleFinding[] = [];
    if (!model.cephEnabled()) return out;
    for (const node of model.nodes) {
      const osds = node.ceph?.osds ?? [];
      const osdDisks = new Set(osds.map((o) => o?.device));
      const users = new Map<string, number[]>();
      osds.forEach((osd, j) => {
        const db = osd?.dbDevice;
        if (typeof db !== "string") return;
        if (osdDisks.has(db)) {
          out.push(
            finding(
              "CD7",
              "error",
              model.nodePath(node.name, "ceph", "osds", j, "dbDevice"),
              `OSD ${osd.device} on '${node.name}' puts its DB/WAL on ${db}, which is itself an OSD disk on this node; an OSD takes the whole disk, so the DB cannot be placed there.`,
              `Use a separate SSD/NVMe for the DB/WAL, or drop 'dbDevice' to keep the DB on the OSD disk.`,
            ),
          );
          return;
        }
        const list = users.get(db);
        if (list) list.push(j);
        else users.set(db, [j]);
      });
      for (const [db, list] of users) {
        if (list.length <= MAX_OSDS_PER_DB_DEVICE) continue;
        out.push(
          finding(
            "CD7",
            "warning",
            model.nodePath(node.name, "ceph", "osds", list[MAX_OSDS_PER_DB_DEVICE], "dbDevice"),
            `${list.length} OSDs on '${node.name}' share the DB/WAL device ${db}; every write of each passes through it, so it limits all of them, and its failure takes all ${list.length} OSDs down at once.`,
            `Spread the OSDs over more DB/WAL devices (at most ${MAX_OSDS_PER_DB_DEVICE} per device).`,
          ),
        );
      }
    }
    return out;
  },
};
