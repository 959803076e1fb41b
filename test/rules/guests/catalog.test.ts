import { ClusterModel } from "../../../lib/model/model";
import { ClusterSpec } from "../../../lib/model/spec-types";
import { runRules } from "../../../lib/rules";
import { GUEST_RULES } from "../../../lib/rules/catalog-guests";
import { baseSpec } from "../../fixtures/base-spec";
import { specWith } from "./helpers";
import { expectRulesNeverThrow } from "../never-throws";

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

    expectRulesNeverThrow(GUEST_RULES, baseSpec(), {
      strings: ["", "pve9", "vmbr0", "vmbr9", "web1", "ubuntu-2404", "ceph-vm", "local", "nowhere", "10.0.10.11", "10.0.10.0/24", "not-an-ip", "fd00::1", "fd00::/64", "300.1.1.1/24", "eno1.99999"],
      numbers: [0, -1, 1, 100, 101, 4095, 9000, 1e12, 1.5, Number.NaN],
      numRuns: 100,
      seed: 4242,
    });
  });
});
