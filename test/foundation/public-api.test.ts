import * as pvecdk from "../../index";

describe("the public API (index.ts)", () => {
  test("exposes both front doors, the model, the rules, the checker and the plan review", () => {
    expect(typeof pvecdk.ProxmoxCluster).toBe("function");
    expect(typeof pvecdk.ClusterStack.fromSpec).toBe("function");
    expect(typeof pvecdk.loadSpecFile).toBe("function");
    expect(typeof pvecdk.ClusterModel).toBe("function");
    expect(pvecdk.ALL_RULES.length).toBeGreaterThanOrEqual(60);
    expect(typeof pvecdk.checkTerraformJson).toBe("function");
    expect(typeof pvecdk.plan.reviewPlan).toBe("function");
    expect(typeof pvecdk.bootstrap.clusterCreateScript).toBe("function");
  });

  test("never re-exports the generated provider bindings wholesale", () => {
    const names = Object.keys(pvecdk);
    expect(names).not.toContain("VirtualEnvironmentVm");
    expect(names).not.toContain("ProxmoxProvider");
  });
});
