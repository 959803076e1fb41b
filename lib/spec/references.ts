import { pointer } from "../model/findings";
import { ClusterSpec } from "../model/spec-types";
import { LocatedMessage } from "./messages";
import { closestMatch } from "./suggest";

/**
 * Cross-references the schema cannot express: names that must be unique and
 * names that must point at something declared. Only what no catalog rule checks
 * lives here; the rest are rules, so both front doors (YAML and TypeScript) get
 * them: corosync links (C4), the Ceph networks (CN1), pool names (P8), a guest's
 * node (V6), template (T1), image (T4) and storages (S3, T4), HA rule members
 * (H6), the migration network (M4), the networks of addresses and interfaces
 * (IP3). Runs on a spec that passed the schema.
 */
export function checkReferences(doc: ClusterSpec): LocatedMessage[] {
  const body = doc.spec;
  const out: LocatedMessage[] = [];

  const nodeNames = uniqueNames(body.nodes, (i) => pointer("spec", "nodes", i, "name"), "node", "every node needs its own hostname", out);
  uniqueNames(body.networks, (i) => pointer("spec", "networks", i, "name"), "network", "rename one of them", out);
  uniqueNames(body.images ?? [], (i) => pointer("spec", "images", i, "name"), "cloud image", "templates refer to images by name, so rename one", out);
  uniqueNames(body.haRules ?? [], (i) => pointer("spec", "haRules", i, "name"), "HA rule", "PVE keys rules by name, so rename one", out);

  (body.storages ?? []).forEach((storage, i) =>
    (storage.nodes ?? []).forEach((node, j) => {
      if (nodeNames.has(node)) return;
      out.push({
        path: pointer("spec", "storages", i, "nodes", j),
        anchor: "value",
        message: `storage "${storage.id}" is restricted to node "${node}", which is not declared under nodes — ${suggest(node, nodeNames, "node")}`,
      });
    }),
  );
  return out;
}

/** Reports every repeated `name` and returns the set of names. */
function uniqueNames(
  items: readonly { readonly name: string }[],
  pathOf: (index: number) => string,
  what: string,
  fix: string,
  out: LocatedMessage[],
): Set<string> {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const earlier = first.get(item.name);
    if (earlier === undefined) {
      first.set(item.name, i);
      return;
    }
    const at = pathOf(earlier).replace(/\/name$/, "");
    out.push({ path: pathOf(i), anchor: "value", message: `${what} name "${item.name}" is already used by ${at} — ${fix}` });
  });
  return new Set(first.keys());
}

function suggest(name: string, known: ReadonlySet<string>, what: string): string {
  const guess = closestMatch(name, [...known]);
  if (guess) return `did you mean "${guess}"?`;
  return known.size > 0 ? `use one of ${[...known].map((n) => `"${n}"`).join(", ")}` : `declare the ${what} first`;
}
