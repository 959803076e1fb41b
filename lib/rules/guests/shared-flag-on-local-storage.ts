import { pointer } from "../../model/findings";
import { StorageType } from "../../model/spec-types";
import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/** Types whose data always lives on one node: the `shared` flag cannot make them shared. */
const NEVER_SHARED: ReadonlySet<StorageType> = new Set<StorageType>(["zfspool", "lvmthin", "btrfs"]);
/** Types that are local unless the admin puts them on a cluster file system (dir) or a shared LUN (lvm). */
const SHARED_ONLY_ON_SHARED_BACKING: ReadonlySet<StorageType> = new Set<StorageType>(["dir", "lvm"]);

/**
 * S2: `shared: true` only tells PVE to assume every node sees the same data; it copies
 * nothing. On a local type, migration and HA then start guests on nodes without their disks.
 */
export const sharedFlagOnLocalStorage: Rule = {
  id: "S2",
  title: "The shared flag is not set on node-local storage",
  check(model) {
    const out: RuleFinding[] = [];
    (model.body.storages ?? []).forEach((s, i) => {
      if (s.shared !== true) return;
      const path = pointer("spec", "storages", i, "shared");
      if (NEVER_SHARED.has(s.type)) {
        out.push(
          finding(
            "S2",
            "error",
            path,
            `Storage '${s.id}' is of type ${s.type}, which keeps its data on each node's own disks, yet it is marked shared: PVE would then migrate and recover guests to nodes that do not have their disks.`,
            `Remove 'shared: true' from storage '${s.id}'. For guests that must move between nodes use shared storage (rbd, cephfs, nfs, …).`,
          ),
        );
      } else if (SHARED_ONLY_ON_SHARED_BACKING.has(s.type)) {
        out.push(
          finding(
            "S2",
            "warning",
            path,
            `Storage '${s.id}' (${s.type}) is marked shared. That is only true when ${s.type === "dir" ? "its path is a mount of a cluster or network file system" : "its volume group sits on a LUN every node sees (iSCSI/FC)"}; pvecdk cannot verify it and still treats the storage as node-local for its HA and migration checks.`,
            `Keep 'shared: true' only if the backing really is shared (and acknowledge S2); otherwise remove it.`,
          ),
        );
      }
    });
    return out;
  },
};
