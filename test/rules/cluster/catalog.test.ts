import { ClusterModel } from "../../../lib/model/model";
import { ALL_RULES, runRules } from "../../../lib/rules";
import { CLUSTER_RULES } from "../../../lib/rules/catalog-cluster";
import { COROSYNC_RULES } from "../../../lib/rules/catalog-corosync";
import { CEPH_RULES } from "../../../lib/rules/catalog-ceph";
import { baseSpec } from "../../fixtures/base-spec";

/** Every rule of catalog sections A–F, wherever its module lives. */
const SECTIONS_A_TO_F = [...COROSYNC_RULES, ...CLUSTER_RULES, ...CEPH_RULES];

describe("CLUSTER_RULES catalog", () => {
  it("holds rules of sections A–F only, in catalog order", () => {
    const ids = CLUSTER_RULES.map((r) => r.id);
    expect(ids).toEqual(["N8"]);
  });

  it("adds no ID that another catalog already reports", () => {
    const elsewhere = new Set([...COROSYNC_RULES, ...CEPH_RULES].map((r) => r.id));
    expect(CLUSTER_RULES.filter((r) => elsewhere.has(r.id)).map((r) => r.id)).toEqual([]);
    for (const r of CLUSTER_RULES) expect(ALL_RULES).toContain(r);
  });

  it("gives the baseline nothing", () => {
    expect(runRules(new ClusterModel(baseSpec()), CLUSTER_RULES)).toEqual([]);
  });

  it("gives the baseline no error or warning from any rule of sections A–F", () => {
    const findings = runRules(new ClusterModel(baseSpec()), SECTIONS_A_TO_F);
    expect(findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.path}`)).toEqual([]);
  });
});
