import fc from "fast-check";
import { stringify } from "yaml";
import { ClusterModel } from "../../lib/model/model";
import { runRules } from "../../lib/rules";
import { loadSpecText } from "../../lib/spec/load";
import { SpecError } from "../../lib/spec/problems";
import { mutableBase } from "./helpers";

/**
 * Whatever a user writes, the front door either hands a spec to the model and
 * the rules, which must not crash on it, or rejects it with a SpecError — never
 * anything else — and every problem and finding names a JSON pointer.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;

/** Every place in the document a mutation can touch, as paths of keys and indexes. */
function placesIn(value: Json, prefix: Segment[] = [], out: Segment[][] = []): Segment[][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), placesIn(v, [...prefix, i], out)));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push([...prefix, k]), placesIn(v, [...prefix, k], out);
  return out;
}

function containerOf(root: Json, path: Segment[]): { parent: Json[] | { [key: string]: Json }; key: Segment } | undefined {
  let node: Json = root;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, Json>)[segment as string];
  }
  if (node === null || typeof node !== "object") return undefined;
  return { parent: node as Json[] | { [key: string]: Json }, key: path[path.length - 1] };
}

/** Names and values the spec uses elsewhere, so mutations also produce specs that pass the schema. */
const familiar = fc.constantFrom<Json>(
  "pve1", "pve2", "pve4", "mgmt", "corosync", "ceph-public", "ceph-vm", "local", "local-lvm", "vmbr0", "vmbr9", "noble", "ubuntu-2404",
  "web1", "web2", "/dev/sdb", "/dev/disk/by-id/nvme-a", "192.168.10.11", "10.0.20.11", "10.0.0.0/8", "192.168.10.0/24", "::1", "fe80::/64",
  "host", "x86-64-v2-AES", "images", "rootdir", "iso", "9.0", "eno1.4095", "vmbr0.10", "hdd", "ssd", "osd", "negative", "node-affinity",
  "$(reboot)", "a;b", "", "../x", " ", 0, 1, 2, 3, 7, 8, 100, 101, 9000, 1500, 9000, 65520, -1, 4095, 1e12, 0.5, true, false, null, [], {},
);
const anyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: familiar },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
);

type Mutation =
  | { readonly op: "delete"; readonly at: number }
  | { readonly op: "set"; readonly at: number; readonly value: Json }
  | { readonly op: "duplicate"; readonly at: number }
  | { readonly op: "addKey"; readonly at: number; readonly key: string; readonly value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("delete" as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("set" as const), at: fc.nat(), value: anyValue }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("addKey" as const),
      at: fc.nat(),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("mds", "vlan", "mosd", "__proto__", "constructor")),
      value: anyValue,
    }),
  },
);

function mutate(spec: Json, m: Mutation): void {
  const places = placesIn(spec);
  // Earlier deletions can empty the document; then there is nothing left to mutate.
  if (places.length === 0) return;
  const path = places[m.at % places.length];
  const where = containerOf(spec, path);
  if (!where) return;
  const { parent, key } = where;
  if (m.op === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (m.op === "set") {
    (parent as Record<string, Json>)[key as string] = m.value;
  } else if (m.op === "duplicate") {
    // Duplicates the nearest list entry: two nodes, networks, VMs, links... with one name.
    const target = (parent as Record<string, Json>)[key as string];
    if (Array.isArray(parent)) parent.push(JSON.parse(JSON.stringify(parent[key as number] ?? null)));
    else if (Array.isArray(target) && target.length > 0) target.push(JSON.parse(JSON.stringify(target[0])));
  } else {
    const target = (parent as Record<string, Json>)[key as string];
    if (target !== null && typeof target === "object" && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
  }
}

/** Text damage that only a parser sees: a cut-off file, a stray character. */
const textDamage = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.record({ cut: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ insertAt: fc.nat(), text: fc.constantFrom(":", "- ", "[", "{", "\t", '"', "&a ", "*a", "!!binary ", "\n---\n", "  ", "#") }) },
);

describe("any spec text through loader, model and rules", () => {
  test("only SpecError escapes, and every problem and finding carries a JSON pointer", () => {
    let reachedRules = 0;
    let runs = 0;
    fc.assert(
      // Mostly JSON: it loads ten times faster (positions are computed only on demand), so more cases fit in the time.
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), textDamage, (mutations, asJson, damage) => {
        runs++;
        const spec = mutableBase() as Json;
        for (const m of mutations) mutate(spec, m);
        let text = asJson ? JSON.stringify(spec, null, 2) : stringify(spec);
        if (damage && "cut" in damage) text = text.slice(0, damage.cut % (text.length + 1));
        if (damage && "insertAt" in damage) {
          const at = damage.insertAt % (text.length + 1);
          text = text.slice(0, at) + damage.text + text.slice(at);
        }
        const file = asJson ? "cluster.json" : "cluster.yaml";
        try {
          const loaded = loadSpecText(text, file);
          const findings = runRules(new ClusterModel(loaded.spec));
          reachedRules++;
          for (const f of findings) {
            if (!f.path.startsWith("/") || typeof f.message !== "string" || f.message === "") throw new Error(`finding without a pointer or message: ${JSON.stringify(f)}`);
          }
          // Every finding's pointer resolves in YAML files; JSON files build their map on first use, so try one.
          for (const f of asJson ? findings.slice(0, 1) : findings) loaded.lineOf(f.path);
        } catch (err) {
          if (!(err instanceof SpecError)) throw err;
          if (err.problems.length === 0) throw new Error("a SpecError without problems");
          for (const p of err.problems) {
            if (!p.path.startsWith("/") || p.message === "" || p.message.includes("\n")) throw new Error(`a malformed problem: ${JSON.stringify(p)}`);
          }
        }
      }),
      { numRuns: 1000 },
    );
    // The test means something only if many mutated specs get past the schema to the rules.
    expect(reachedRules / runs).toBeGreaterThan(0.15);
  });
});
