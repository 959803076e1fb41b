import * as fs from "fs";
import * as path from "path";
import { ClusterModel } from "../../lib/model/model";
import { Finding } from "../../lib/model/findings";
import { specContext, summarizeCluster } from "../../lib/plan/cluster-summary";
import { presentReview } from "../../lib/plan/present";
import { renderMarkdown } from "../../lib/plan/render-markdown";
import { reviewPlan } from "../../lib/plan/review-plan";
import { baseSpec } from "../fixtures/base-spec";
import { cli, loadPlan, planFixtureNames } from "./helpers";

/**
 * The whole Markdown review of every plan fixture, compared with a golden file
 * that is reviewed like code. Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 npx jest test/plan/golden` and read the diff.
 */
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const GOLDEN_DIR = path.join(__dirname, "golden");

function expectGolden(file: string, actual: string): void {
  const golden = path.join(GOLDEN_DIR, file);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(golden, actual);
    return;
  }
  if (!fs.existsSync(golden)) throw new Error(`test/plan/golden/${file} is missing; create it with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(fs.readFileSync(golden, "utf8"));
}

describe("golden Markdown reviews", () => {
  it.each(planFixtureNames())("%s", async (name) => {
    const run = await cli(["review", `test/fixtures/plans/${name}.json`, "--format", "markdown"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectGolden(`${name}.md`, run.stdout);
  });

  it("diff of two synthesized outputs", async () => {
    const run = await cli(["diff", "test/fixtures/plans/synth/base", "test/fixtures/plans/synth/head", "--format", "markdown"]);
    expect(run.code).toBe(0);
    expectGolden("diff-synth.md", run.stdout);
  });

  it("review with the cluster summary of a spec (fixed findings, so new rules do not move this file)", () => {
    const model = new ClusterModel(baseSpec());
    const findings: Finding[] = [
      { rule: "C5", severity: "warning", path: "/spec/corosync/links/1", message: "Link 1 shares switch-a with the migration network.", hint: "Put link 1 on its own switch." },
      {
        rule: "CD1",
        severity: "error",
        path: "/spec/ceph",
        message: "Ceph needs three monitors.",
        hint: "Add monitors.",
        acknowledged: { reason: "lab cluster, data is disposable" },
      },
    ];
    const lines: Record<string, number> = { "/spec/corosync/links/1": 42, "/spec/ceph": 51 };
    const review = reviewPlan(loadPlan("bpg-network-mgmt"), {
      input: "plan.json",
      spec: specContext(model),
      cluster: summarizeCluster(model, findings, "cluster.yaml", (pointer) => lines[pointer]),
    });
    expectGolden("bpg-network-mgmt.with-spec.md", renderMarkdown(presentReview(review)));
  });

  it("terminal text without colour", async () => {
    const run = await cli(["review", "test/fixtures/plans/bpg-vm-node-change.json", "--format", "text"]);
    expect(run.code).toBe(0);
    expectGolden("bpg-vm-node-change.txt", run.stdout);
  });
});
