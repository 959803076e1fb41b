import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, plural } from "../guests/support";

/**
 * CD8: each CephFS file system needs an active metadata server; without one it cannot be
 * mounted. One more MDS than file systems gives a standby that takes over when a node
 * fails; without it, the file system hangs until the node returns.
 */
export const cephfsMds: Rule = {
  id: "CD8",
  title: "CephFS has a metadata server per file system, plus a standby",
  check(model) {
    const out: RuleFinding[] = [];
    const fs = model.body.ceph?.fs ?? [];
    if (fs.length === 0) return out;
    const mds = model.nodes.filter((n) => n.ceph?.mds);
    const names = fs.map((f) => `'${f?.name}'`).join(", ");
    if (mds.length < fs.length) {
      out.push(
        finding(
          "CD8",
          "error",
          pointer("spec", "ceph", "fs", mds.length),
          `${plural(fs.length, "CephFS file system")} (${names}) but ${plural(mds.length, "metadata server")}; every file system needs an active MDS, so ${mds.length === 0 ? "none" : "not all"} can be mounted.`,
          `Set 'ceph.mds: true' on at least ${fs.length + 1} nodes (one per file system plus a standby).`,
        ),
      );
    } else if (mds.length === fs.length) {
      out.push(
        finding(
          "CD8",
          "warning",
          model.nodePath(mds[0].name, "ceph", "mds"),
          `${plural(mds.length, "metadata server")} for ${plural(fs.length, "CephFS file system")} leaves no standby; when a node with an active MDS fails, its file system hangs until the node is back.`,
          `Set 'ceph.mds: true' on one more node.`,
        ),
      );
    }
    return out;
  },
};
