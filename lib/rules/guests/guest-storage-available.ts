import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

/**
 * S3: every volume of a guest (template disk, cloned boot disk, extra disks, cloud-init
 * drive) must sit on a declared storage that holds `images` and is defined on the
 * guest's node, and on every node HA may move it to. A node restriction that leaves out
 * a failover node means the guest cannot start there.
 */
export const guestStorageAvailable: Rule = {
  id: "S3",
  title: "Guest volumes sit on storages available on every node the guest may run on",
  check(model) {
    const out: RuleFinding[] = [];
    const storages = model.storageIndex();
    for (const guest of model.guests()) {
      const nodes = model.guestNodes(guest);
      const reported = new Set<string>();
      for (const ref of model.guestStorageRefs(guest)) {
        if (reported.has(ref.storage)) continue;
        reported.add(ref.storage);
        const storage = storages.get(ref.storage);
        // A clone inherits its template's storage: a missing or unsuitable storage is reported once, at the template.
        if (ref.inherited && (!storage || !(storage.content ?? []).includes("images"))) continue;
        if (!storage) {
          out.push(
            finding(
              "S3",
              "error",
              ref.path,
              `The ${ref.what} of ${guest.kind} '${guest.spec.name}' is on storage '${ref.storage}', which is not declared (neither under storages nor as a Ceph pool storage).`,
              `Declare storage '${ref.storage}' or point the ${guest.kind} at one of ${quoted([...storages.keys()]) || "your storages"}.`,
            ),
          );
          continue;
        }
        if (!(storage.content ?? []).includes("images")) {
          out.push(
            finding(
              "S3",
              "error",
              ref.path,
              `The ${ref.what} of ${guest.kind} '${guest.spec.name}' is on storage '${ref.storage}', which does not allow 'images' content, so PVE cannot create the volume there.`,
              `Add 'images' to the content of '${ref.storage}' (if its type supports it) or use a storage that holds VM images.`,
            ),
          );
        }
        const missing = nodes.filter((n) => !model.storageAvailableOn(ref.storage, n));
        if (missing.length > 0) {
          const isHa = guest.kind === "vm" && guest.spec.ha !== undefined && nodes.length > 1;
          out.push(
            finding(
              "S3",
              "error",
              ref.path,
              `The ${ref.what} of ${guest.kind} '${guest.spec.name}' is on storage '${ref.storage}', which is not defined on ${quoted(missing)}` +
                (isHa ? `; HA may start the guest there, where its disk cannot be reached.` : `, the node it runs on.`),
              isHa
                ? `Add ${quoted(missing)} to the nodes of '${ref.storage}', or restrict the guest with a strict node-affinity rule to nodes that have the storage.`
                : `Add ${quoted(missing)} to the nodes of '${ref.storage}', or place the ${guest.kind} on one of ${quoted(storage.nodes ?? [])}.`,
            ),
          );
        }
      }
    }
    return out;
  },
};
