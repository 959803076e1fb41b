import { pointer } from "../../model/findings";
import { SHARED_STORAGE_TYPES } from "../../model/model";
import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

/**
 * T4: a cloud-init template is built by downloading a cloud image to a file-level
 * storage (content `import`, or `iso` for older setups) on one node and importing it as
 * the template's boot disk. The download target must accept the file, and the template's
 * node must be able to read it.
 */
export const templateImageImport: Rule = {
  id: "T4",
  title: "Cloud images download to a storage that accepts them, reachable from the template's node",
  check(model) {
    const out: RuleFinding[] = [];
    const storages = model.storageIndex();
    const images = model.body.images ?? [];
    const imageIndex = new Map<string, number>();
    images.forEach((img, k) => {
      if (!imageIndex.has(img.name)) imageIndex.set(img.name, k);
      const node = img.node ?? model.firstNode?.name;
      if (img.node !== undefined && !model.node(img.node)) {
        out.push(
          finding("T4", "error", pointer("spec", "images", k, "node"), `Cloud image '${img.name}' is downloaded by node '${img.node}', which is not a node of this cluster.`, `Use one of ${quoted(model.nodes.map((n) => n.name))}.`),
        );
      }
      const storage = storages.get(img.storage);
      if (!storage) {
        out.push(
          finding("T4", "error", pointer("spec", "images", k, "storage"), `Cloud image '${img.name}' is downloaded to storage '${img.storage}', which is not declared.`, `Declare '${img.storage}' as a file-level storage with 'import' content, or use an existing one.`),
        );
        return;
      }
      const content = storage.content ?? [];
      if (!content.includes("import") && !content.includes("iso")) {
        out.push(
          finding(
            "T4",
            "error",
            pointer("spec", "images", k, "storage"),
            `Cloud image '${img.name}' is downloaded to '${storage.id}', which allows neither 'import' nor 'iso' content, so PVE refuses the download.`,
            `Add 'import' to the content of '${storage.id}' (a dir, nfs, cifs, cephfs or btrfs storage), or download to such a storage.`,
          ),
        );
      }
      if (node !== undefined && model.node(node) && !model.storageAvailableOn(storage.id, node)) {
        out.push(
          finding(
            "T4",
            "error",
            pointer("spec", "images", k, "storage"),
            `Cloud image '${img.name}' is downloaded on '${node}' to storage '${storage.id}', which is not defined on that node.`,
            `Add '${node}' to the nodes of '${storage.id}', or download the image on a node that has it.`,
          ),
        );
      }
    });

    (model.body.templates ?? []).forEach((t, i) => {
      const k = imageIndex.get(t.image);
      if (k === undefined) {
        out.push(
          finding(
            "T4",
            "error",
            pointer("spec", "templates", i, "image"),
            `Template '${t.name}' is built from cloud image '${t.image}', which is not declared under images.`,
            `Declare image '${t.image}' (url, checksum, storage) or use one of ${quoted(images.map((img) => img.name)) || "your images"}.`,
          ),
        );
        return;
      }
      const img = images[k];
      const imageNode = img.node ?? model.firstNode?.name;
      const storage = storages.get(img.storage);
      if (!storage || !model.node(t.node) || imageNode === undefined || !model.node(imageNode)) return;
      const shared = SHARED_STORAGE_TYPES.has(storage.type);
      if (shared ? !model.storageAvailableOn(storage.id, t.node) : imageNode !== t.node) {
        out.push(
          finding(
            "T4",
            "error",
            pointer("spec", "templates", i, "node"),
            shared
              ? `Template '${t.name}' on '${t.node}' imports image '${img.name}' from '${storage.id}', which is not defined on '${t.node}'.`
              : `Template '${t.name}' on '${t.node}' imports image '${img.name}', but the image is downloaded on '${imageNode}' to '${storage.id}' (local to that node), so '${t.node}' cannot read it.`,
            shared
              ? `Add '${t.node}' to the nodes of '${storage.id}'.`
              : `Set the image's node to '${t.node}', or place the template on '${imageNode}'.`,
          ),
        );
      }
    });
    return out;
  },
};
