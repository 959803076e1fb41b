import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding } from "../corosync/support";

/**
 * Content types whose volume names carry a VMID (vm-101-disk-0, vzdump-qemu-101-…, PBS
 * group vm/101). Two clusters with overlapping VMIDs then claim the same volumes.
 */
const GUEST_CONTENT: ReadonlySet<string> = new Set(["images", "rootdir", "backup"]);

/**
 * N8: a cluster locks storage volumes only among its own nodes (the lock lives in
 * /etc/pve), so two clusters on the exact same storage allocate, overwrite and delete
 * each other's VMID-named volumes; Proxmox says a storage must not be shared across the
 * cluster boundary. A storage holding only files (ISOs, container templates, snippets,
 * imports) has no VMID-named volumes, so that case is a warning: uploads and deletions
 * still cross over unlocked.
 */
export const storageSharedWithOtherCluster: Rule = {
  id: "N8",
  title: "No storage is shared with another cluster",
  check(model) {
    const out: RuleFinding[] = [];
    const storages = Array.isArray(model.body.storages) ? model.body.storages : [];
    storages.forEach((storage, i) => {
      const other: unknown = storage?.sharedWithCluster;
      if (typeof other !== "string" || other === "") return;
      const path = pointer("spec", "storages", i, "sharedWithCluster");
      const id = String(storage.id);
      if (other === model.name) {
        out.push(
          finding(
            "N8",
            "warning",
            path,
            `Storage '${id}' says it is shared with cluster '${other}', which is this cluster's own name. The field is meant for a different cluster that uses the same storage; sharing among this cluster's own nodes needs no declaration, and two clusters with one name on a network is a problem of its own (N2).`,
            `Remove 'sharedWithCluster' if only this cluster uses '${id}'; if another cluster really is called '${other}', rename one of the two and keep the field pointing at the other one.`,
          ),
        );
        return;
      }
      const content: unknown = storage.content;
      const guestContent = Array.isArray(content) ? content.filter((c): c is string => typeof c === "string" && GUEST_CONTENT.has(c)) : undefined;
      const type = typeof storage.type === "string" ? ` (${storage.type})` : "";
      if (guestContent === undefined || guestContent.length > 0) {
        const holds = guestContent && guestContent.length > 0 ? `it holds ${guestContent.join(", ")}, whose volume names carry the VMID (vm-101-disk-0, vzdump-qemu-101-…)` : `its volume names carry the VMID (vm-101-disk-0, vzdump-qemu-101-…)`;
        out.push(
          finding(
            "N8",
            "error",
            path,
            `Storage '${id}'${type} is also used by cluster '${other}'. Each cluster locks volumes only among its own nodes, and ${holds}: a guest with the same VMID in the other cluster allocates, overwrites or deletes the same volumes (destroying a guest with 'destroy unreferenced disks', or pruning its backups, removes the other cluster's data too). The Proxmox docs rule out sharing one storage between two clusters for these reasons.`,
            `Give this cluster its own storage — a separate NFS export or directory, a separate Ceph pool, or a separate PBS datastore or namespace — move its data there, and remove 'sharedWithCluster'. If the sharing is a short migration step, acknowledge N8 with the reason and keep the two clusters' VMIDs apart meanwhile.`,
          ),
        );
        return;
      }
      out.push(
        finding(
          "N8",
          "warning",
          path,
          `Storage '${id}'${type} is also used by cluster '${other}'. It holds only files (${(content as unknown[]).map(String).join(", ") || "no content"}), so no guest volumes collide, but neither cluster locks against the other: an upload, overwrite or delete in one cluster changes what the other sees without warning. Proxmox advises against sharing any storage between clusters.`,
          `Prefer a separate export, directory or share for this cluster; if you keep the shared one (e.g. a common ISO library), treat it as read-only from all but one cluster and acknowledge N8.`,
        ),
      );
    });
    return out;
  },
};
