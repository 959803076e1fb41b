import fc from "fast-check";
import { ClusterModel } from "../../../lib/model/model";
import { ClusterSpec } from "../../../lib/model/spec-types";
import { runRules } from "../../../lib/rules";
import { GUEST_RULES } from "../../../lib/rules/catalog-guests";
import { baseSpec } from "../../fixtures/base-spec";
import { specWith } from "./helpers";

const SECTION_ORDER = ["S", "H", "M", "T", "V", "B", "IP"];

function sortKey(id: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(id)!;
  return [SECTION_ORDER.indexOf(m[1]), Number(m[2])];
}

describe("GUEST_RULES catalog", () => {
  it("lists each rule of sections G–M once, in catalog order", () => {
    const ids = GUEST_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(S|H|M|T|V|B|IP)\d+$/);
    const sorted = [...ids].sort((a, b) => sortKey(a)[0] - sortKey(b)[0] || sortKey(a)[1] - sortKey(b)[1]);
    expect(ids).toEqual(sorted);
    expect(ids.length).toBeGreaterThanOrEqual(30);
  });

  it("gives the baseline no error or warning, only the HA and clone notes", () => {
    const findings = runRules(new ClusterModel(baseSpec()), GUEST_RULES);
    expect(findings.map((f) => `${f.severity} ${f.rule}`).sort()).toEqual(["info H3", "info H8", "info T5"]);
  });

  it("only ever reports its own rule ID, with a message and a hint", () => {
    const broken = specWith((b) => {
      b.networks[4].cidr = "10.0.10.0/25";
      b.vms![0].vmid = 9000;
      b.vms![1].template = "nope";
      b.storages![1].shared = true;
      b.haRules!.push({ name: "x", type: "node-affinity", resources: ["ghost"], nodes: { pve9: 1 } });
    });
    const model = new ClusterModel(broken);
    for (const rule of GUEST_RULES) {
      for (const f of rule.check(model)) {
        expect(f.rule).toBe(rule.id);
        expect(f.message.length).toBeGreaterThan(20);
        expect(f.hint.length).toBeGreaterThan(10);
        expect(f.path).toMatch(/^\/spec(\/|$)/);
      }
    }
  });

  it("copes with a spec that has only networks, nodes and corosync", () => {
    const minimal = specWith((b) => {
      for (const key of ["ceph", "storages", "migration", "ha", "images", "templates", "vms", "haRules"] as const) delete b[key];
      for (const n of b.nodes) delete n.interfaces;
    });
    const findings = runRules(new ClusterModel(minimal), GUEST_RULES);
    expect(findings.map((f) => f.rule)).toEqual(["M5"]);
  });

  it("never throws on partly invalid input (unknown references, bad addresses, missing optional parts)", () => {
    const strings = ["", "pve9", "vmbr0", "vmbr9", "web1", "ubuntu-2404", "ceph-vm", "local", "nowhere", "10.0.10.11", "10.0.10.0/24", "not-an-ip", "fd00::1", "fd00::/64", "300.1.1.1/24", "eno1.99999"];
    const numbers = [0, -1, 1, 100, 101, 4095, 9000, 1e12, 1.5, Number.NaN];
    type Edit = { pick: number; replacement: number; drop: boolean };
    const edit = fc.record({ pick: fc.nat(), replacement: fc.nat(), drop: fc.boolean() });

    /** Every (parent, key) in the spec whose value is a leaf or an optional part. */
    function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out {
      if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), slots(v, out)));
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) (out.push([value as Record<string, unknown>, k]), slots(v, out));
      return out;
    }
    // Keys the schema requires and the model itself reads unguarded; everything else may go missing.
    const REQUIRED = new Set(["nodes", "networks", "corosync", "roles"]);

    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits: Edit[]) => {
        const spec = JSON.parse(JSON.stringify(baseSpec())) as Record<string, unknown>;
        for (const e of edits) {
          const all = slots(spec.spec);
          const [parent, key] = all[e.pick % all.length];
          const slot = parent as Record<string | number, unknown>;
          const current = slot[key];
          if (e.drop && !Array.isArray(parent) && !REQUIRED.has(String(key))) delete slot[key];
          else if (e.drop && Array.isArray(parent)) parent.splice(key as number, 1);
          else if (typeof current === "string") slot[key] = strings[e.replacement % strings.length];
          else if (typeof current === "number") slot[key] = numbers[e.replacement % numbers.length];
          else if (typeof current === "boolean") slot[key] = !current;
        }
        const model = new ClusterModel(spec as unknown as ClusterSpec);
        for (const rule of GUEST_RULES) expect(() => rule.check(model)).not.toThrow();
      }),
      { numRuns: 100, seed: 4242 },
    );
  });
});
