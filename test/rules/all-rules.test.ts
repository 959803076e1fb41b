import * as fs from "fs";
import * as path from "path";
import { ALL_RULES, runRules } from "../../lib/rules";
import { ClusterModel } from "../../lib/model/model";
import { baseSpec } from "../fixtures/base-spec";

describe("the whole rule catalog", () => {
  const ids = ALL_RULES.map((r) => r.id);

  it("has one rule per ID", () => {
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it("covers the error and warning rules of sections A–M (at least 60 rules)", () => {
    expect(ids.length).toBeGreaterThanOrEqual(60);
    for (const id of ids) expect(id).toMatch(/^(N|C|Q|CN|CD|P|S|H|M|T|V|B|IP|ACK)\d+$/);
  });

  it("documents every rule ID in docs/rules/", () => {
    const dir = path.join(__dirname, "..", "..", "docs", "rules");
    const docs = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
    const undocumented = ids.filter((id) => !new RegExp(`\\b${id}\\b`).test(docs));
    expect(undocumented).toEqual([]);
  });

  it("gives the clean baseline cluster no error and no warning", () => {
    const findings = runRules(new ClusterModel(baseSpec()));
    expect(findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.path}`)).toEqual([]);
  });

  it("orders findings by severity, then path, then rule", () => {
    const spec = baseSpec();
    const broken = {
      ...spec,
      spec: { ...spec.spec, corosync: { links: [{ id: 0, network: "ceph-public" }] } },
    };
    const findings = runRules(new ClusterModel(broken));
    const rank = { error: 0, warning: 1, info: 2 } as const;
    for (let i = 1; i < findings.length; i++) {
      const a = findings[i - 1];
      const b = findings[i];
      expect(rank[a.severity] <= rank[b.severity]).toBe(true);
      if (a.severity === b.severity) expect(a.path <= b.path).toBe(true);
    }
    expect(findings.some((f) => f.rule === "C3" && f.severity === "error")).toBe(true);
  });
});

describe("ACK1: acknowledgements name existing rules", () => {
  function withAcks(acks: { rule: string; reason: string }[]) {
    const spec = baseSpec();
    return runRules(new ClusterModel({ ...spec, spec: { ...spec.spec, acknowledge: acks } }));
  }

  it("warns about a mistyped rule ID and suggests the closest one", () => {
    const findings = withAcks([{ rule: "CD5", reason: "ok" }, { rule: "CD55", reason: "typo" }]).filter((f) => f.rule === "ACK1");
    expect(findings).toEqual([
      expect.objectContaining({ severity: "warning", path: "/spec/acknowledge/1/rule", hint: expect.stringContaining("'CD5'") }),
    ]);
  });

  it("accepts acknowledgements of catalog rules", () => {
    expect(withAcks([{ rule: "P3", reason: "two copies are enough here" }]).filter((f) => f.rule === "ACK1")).toEqual([]);
  });
});
