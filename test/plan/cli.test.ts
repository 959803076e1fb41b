import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { baseSpec } from "../fixtures/base-spec";
import { cli } from "./helpers";

const DESTROY_PLAN = "test/fixtures/plans/tf-delete.json";
const REPLACE_PLAN = "test/fixtures/plans/tf-replace.json";
const UPDATE_PLAN = "test/fixtures/plans/tf-update.json";

function scratch(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-review-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("pvecdk review: output formats", () => {
  it("writes Markdown when stdout is not a terminal (a CI log, a file, a PR comment)", async () => {
    const run = await cli(["review", UPDATE_PLAN]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("## pvecdk plan review\n")).toBe(true);
  });

  it("writes coloured text on a terminal", async () => {
    const run = await cli(["review", REPLACE_PLAN], { isTTY: true });
    expect(run.stdout).toContain("\u001b[");
    expect(run.stdout).not.toContain("##");
  });

  it("honours NO_COLOR on a terminal", async () => {
    const run = await cli(["review", REPLACE_PLAN], { isTTY: true, env: { NO_COLOR: "1" } });
    expect(run.stdout).not.toContain("\u001b[");
    expect(run.stdout).toContain("replace terraform_data.ceph_osd_pve1_sdb");
  });

  it("writes the review as JSON for machines, with the verdict and counts", async () => {
    const run = await cli(["review", DESTROY_PLAN, "--format", "json"]);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({
      pvecdkReview: 1,
      source: "plan",
      inputs: [DESTROY_PLAN],
      destructive: true,
      verdict: '1 resource is destroyed: read "Needs attention" before approving.',
      attention: ["terraform_data.cluster_join_pve3"],
    });
    expect(doc.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 1, "no-op": 1, read: 0, forget: 0, import: 0 });
    expect(doc.resources[0]).toMatchObject({ address: "terraform_data.cluster_join_pve3", action: "delete", risk: "destructive" });
  });

  it("states the verdict line when nothing is destroyed", async () => {
    const run = await cli(["review", UPDATE_PLAN, "--format", "markdown"]);
    expect(run.stdout).toContain("No resource is destroyed or replaced.");
  });

  it("keeps a plan without changes short", async () => {
    const run = await cli(["review", "test/fixtures/plans/tf-no-op.json", "--format", "markdown"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("**No changes.** No resource is destroyed or replaced.");
    expect(run.stdout).not.toContain("Changes by area");
    expect(run.stdout.split("\n").length).toBeLessThan(10);
  });

  it("rejects an unknown format as bad usage", async () => {
    const run = await cli(["review", UPDATE_PLAN, "--format", "html"]);
    expect(run.code).toBe(2);
  });
});

describe("pvecdk review --fail-on (CI gates)", () => {
  it("exits 1 when a destroy gate meets a delete, and names the resource on stderr", async () => {
    const run = await cli(["review", DESTROY_PLAN, "--fail-on", "destroy"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("pvecdk: --fail-on destroy: 1 change trips the gate: terraform_data.cluster_join_pve3\n");
    expect(run.stdout).toContain("⛔ Gate `--fail-on destroy`: fails on 1 change.");
  });

  it("counts a replacement as destroying (Terraform's own counting)", async () => {
    expect((await cli(["review", REPLACE_PLAN, "--fail-on", "destroy"])).code).toBe(1);
  });

  it("lets a delete pass a replace-only gate", async () => {
    const run = await cli(["review", DESTROY_PLAN, "--fail-on", "replace"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Gate `--fail-on replace`: passes.");
  });

  it("accepts repeated and comma-separated conditions", async () => {
    expect((await cli(["review", REPLACE_PLAN, "--fail-on", "destroy", "--fail-on", "replace"])).code).toBe(1);
    expect((await cli(["review", REPLACE_PLAN, "--fail-on", "destroy,replace"])).code).toBe(1);
    expect((await cli(["review", UPDATE_PLAN, "--fail-on", "destroy,replace"])).code).toBe(0);
  });

  it("reports the gate in the JSON format", async () => {
    const doc = JSON.parse((await cli(["review", REPLACE_PLAN, "--fail-on", "replace", "--format", "json"])).stdout);
    expect(doc.failOn).toEqual({ conditions: ["replace"], tripped: true, matches: ["terraform_data.ceph_osd_pve1_sdb"] });
  });

  it("passes an errored plan unless a gate trips", async () => {
    expect((await cli(["review", "test/fixtures/plans/tf-errored.json"])).code).toBe(0);
    expect((await cli(["review", "test/fixtures/plans/tf-errored.json", "--fail-on", "destroy"])).code).toBe(1);
  });

  it("refuses an unknown condition as bad usage", async () => {
    const run = await cli(["review", UPDATE_PLAN, "--fail-on", "destroy,explode"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('pvecdk: --fail-on: unknown condition "explode"; use destroy, replace, or both (destroy,replace)\n');
  });
});

describe("pvecdk review: bad input is one line naming the file, exit 2", () => {
  async function expectBad(files: Record<string, string>, arg: string, message: RegExp): Promise<void> {
    const dir = scratch(files);
    const run = await cli(["review", arg], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  }

  it("a missing file", async () => {
    await expectBad({}, "plan.json", /^pvecdk: plan\.json: no such file; produce the plan with `terraform show -json <planfile> > plan\.json`\n$/);
  });

  it("a file that is not JSON", async () => {
    await expectBad({ "plan.json": "Terraform will perform the following actions:" }, "plan.json", /^pvecdk: plan\.json: is not JSON \(.+\); produce it with `terraform show -json <planfile> > plan\.json`\n$/);
  });

  it("the binary plan file itself", async () => {
    await expectBad({ "plan.out": "PK\u0003\u0004binary" }, "plan.out", /^pvecdk: plan\.out: is a binary plan file, not its JSON form/);
  });

  it("JSON that is not a plan", async () => {
    await expectBad({ "x.json": "[1, 2, 3]" }, "x.json", /^pvecdk: x\.json: is JSON but not a Terraform plan/);
    await expectBad({ "x.json": '{"format_version": "1.0", "values": {}}' }, "x.json", /^pvecdk: x\.json: is a Terraform state, not a plan/);
  });

  it("a synthesized configuration given instead of a plan, pointing at pvecdk diff", async () => {
    await expectBad({ "cdk.tf.json": '{"resource": {}, "terraform": {}}' }, "cdk.tf.json", /is Terraform configuration .*pvecdk diff <base> <head>/);
  });

  it("an unsupported format_version", async () => {
    await expectBad(
      { "plan.json": '{"format_version": "2.0", "planned_values": {}}' },
      "plan.json",
      /^pvecdk: plan\.json: has plan format_version "2\.0", which pvecdk does not read \(it reads 1\.x/,
    );
  });

  it("a plan whose resource changes are malformed", async () => {
    await expectBad(
      { "plan.json": '{"format_version": "1.2", "resource_changes": [{"address": "a.b", "type": "a", "name": "b", "change": {}}]}' },
      "plan.json",
      /^pvecdk: plan\.json: is not a plan Terraform wrote: \/resource_changes\/0\/change\/actions is missing\n$/,
    );
  });
});

describe("pvecdk review --spec", () => {
  function specDir(spec: object): string {
    return scratch({ "cluster.yaml": stringify(spec) });
  }

  it("adds the cluster summary and the validator's findings with their lines", async () => {
    const dir = specDir(baseSpec());
    const plan = path.resolve(__dirname, "../fixtures/plans/bpg-network-mgmt.json");
    const run = await cli(["review", plan, "--spec", "cluster.yaml", "--format", "markdown"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("### Cluster `lab` (from `cluster.yaml`)");
    expect(run.stdout).toContain("**Quorum:** 3 nodes (3 votes) → 3 expected, quorum 2: stays quorate with 1 node down.");
    expect(run.stdout).toContain("vmbr0 on pve1 carries the management and corosync network (mgmt)");
    expect(run.stdout).toMatch(/\(cluster\.yaml:\d+\): /);
  });

  it("gives the JSON format the same cluster facts", async () => {
    const dir = specDir(baseSpec());
    const plan = path.resolve(__dirname, "../fixtures/plans/tf-create.json");
    const doc = JSON.parse((await cli(["review", plan, "--spec", "cluster.yaml", "--format", "json"], { cwd: dir })).stdout);
    expect(doc.cluster).toMatchObject({ name: "lab", specFile: "cluster.yaml", nodes: ["pve1", "pve2", "pve3"], quorum: { quorum: 2 } });
    expect(doc.cluster.pools[0]).toMatchObject({ pool: "vmdata", hostFailuresTolerated: 1 });
  });

  it("reports a spec that cannot be read through the spec loader, writing no review", async () => {
    const dir = scratch({ "cluster.yaml": "spec: [unclosed" });
    const plan = path.resolve(__dirname, "../fixtures/plans/tf-create.json");
    const run = await cli(["review", plan, "--spec", "cluster.yaml"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^pvecdk: cluster\.yaml/);
  });

  it("works for pvecdk diff too", async () => {
    const dir = specDir(baseSpec());
    const synth = path.resolve(__dirname, "../fixtures/plans/synth");
    const run = await cli(["diff", `${synth}/base`, `${synth}/head`, "--spec", "cluster.yaml", "--format", "markdown"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("### Cluster `lab` (from `cluster.yaml`)");
  });
});
