import { pointer } from "../../model/findings";
import { STORAGE_CONTENT_TYPES } from "../../model/model";
import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

const ALL_CONTENT = new Set(["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import", "none"]);

/**
 * S6: block storages (zfspool, lvm, lvmthin, rbd, iSCSI) hold only guest volumes; ISOs,
 * templates, backups, snippets and import files need a file-level storage. PVE rejects
 * a content type the storage plugin does not support.
 */
export const storageContentTypes: Rule = {
  id: "S6",
  title: "Storage content types fit the storage type",
  check(model) {
    const out: RuleFinding[] = [];
    const check = (id: string, type: keyof typeof STORAGE_CONTENT_TYPES, content: readonly string[], base: (string | number)[]) => {
      const supported = STORAGE_CONTENT_TYPES[type];
      if (!supported) return; // unknown type: the schema reports it
      content.forEach((c, j) => {
        const path = pointer(...base, j);
        if (!ALL_CONTENT.has(c)) {
          out.push(
            finding(
              "S6",
              "error",
              path,
              `Storage '${id}' lists content type '${c}', which PVE does not know.`,
              `Use only ${quoted([...ALL_CONTENT], 8)}.`,
            ),
          );
        } else if (c !== "none" && !supported.includes(c)) {
          const fileLevel = ["vztmpl", "iso", "backup", "snippets", "import"].includes(c);
          out.push(
            finding(
              "S6",
              "error",
              path,
              `Storage '${id}' is of type ${type}, which cannot hold '${c}' content (it supports ${quoted(supported, 8)}); PVE refuses this storage definition.`,
              fileLevel
                ? `Remove '${c}' from '${id}' and put that content on a file-level storage (dir, nfs, cifs, cephfs or btrfs).`
                : `Remove '${c}' from '${id}'; guest volumes need a storage of type dir, nfs, cifs, btrfs, zfspool, lvm, lvmthin or rbd.`,
            ),
          );
        }
      });
    };
    (model.body.storages ?? []).forEach((s, i) => check(s.id, s.type, s.content ?? [], ["spec", "storages", i, "content"]));
    (model.body.ceph?.pools ?? []).forEach((p, i) => {
      if (p.storage?.content) check(p.storage.id ?? p.name, "rbd", p.storage.content, ["spec", "ceph", "pools", i, "storage", "content"]);
    });
    return out;
  },
};
