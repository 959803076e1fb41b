import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

/** PVE's storage ID format: a letter, then letters, digits, '-', '_' or '.', ending in a letter or digit (2+ characters). */
const STORAGE_ID = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;

/**
 * S5: storage IDs are the keys of storage.cfg, so each may exist once. A Ceph pool with a
 * `storage` block makes PVE create an RBD storage (named after the pool unless `id` is
 * given); declaring that storage again under `storages` collides with it.
 */
export const storageIdUnique: Rule = {
  id: "S5",
  title: "Storage IDs are valid and unique, including the RBD storages pools create",
  check(model) {
    const out: RuleFinding[] = [];
    const seen = new Map<string, string>(); // id → where it was first defined, in words
    const visit = (id: string, path: string, where: string) => {
      if (typeof id !== "string") return;
      if (!STORAGE_ID.test(id)) {
        out.push(
          finding(
            "S5",
            "error",
            path,
            `'${id}' is not a valid storage ID: PVE accepts a letter first, then letters, digits, '-', '_' or '.', ending in a letter or digit.`,
            `Rename the storage: start with a letter, use letters, digits, '-', '_' or '.', e.g. 'vm-data'.`,
          ),
        );
      }
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, where);
        return;
      }
      out.push(
        finding(
          "S5",
          "error",
          path,
          `Storage ID '${id}' is defined twice (${where}, and already ${first}); storage.cfg holds one definition per ID, so one of them would silently replace the other.`,
          where.startsWith("by Ceph pool")
            ? `Give the pool's storage another 'id', or drop the duplicate declaration under 'storages' (the pool already creates it).`
            : `Rename one of the storages or remove the duplicate.`,
        ),
      );
    };
    (model.body.storages ?? []).forEach((s, i) => visit(s.id, pointer("spec", "storages", i, "id"), `under storages[${i}]`));
    (model.body.ceph?.pools ?? []).forEach((p, i) => {
      if (!p.storage) return;
      const explicit = p.storage.id !== undefined;
      visit(
        p.storage.id ?? p.name,
        explicit ? pointer("spec", "ceph", "pools", i, "storage", "id") : pointer("spec", "ceph", "pools", i, "storage"),
        `by Ceph pool '${p.name}'`,
      );
    });
    return out;
  },
};
