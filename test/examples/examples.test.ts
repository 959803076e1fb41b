import * as fs from "fs";
import * as path from "path";
import { FindingsReportJson } from "../../lib/cli/report";
import { loadSpecFile } from "../../lib/spec/load";
import { synthesizeJson } from "../../lib/synth";
import { ClusterStack } from "../../stacks/cluster-stack";
import { lineDiff } from "../golden/golden";
import { runCliCaptured } from "../helpers/cli";

/**
 * The examples are documentation that runs: each one's full `validate --format json`
 * output is a reviewed golden file. Regenerate after a rule change with
 * `UPDATE_GOLDEN=1 npx jest test/examples` and review the diff like code.
 */

const ROOT = path.join(__dirname, "../..");
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === "1";
const EXAMPLES = ["seed-original", "seed-split-network", "homelab-3node"] as const;

interface Validation {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly report: FindingsReportJson;
}

async function validate(example: string): Promise<Validation> {
  const run = await runCliCaptured(["validate", `examples/${example}.yaml`, "--format", "json"], { cwd: ROOT });
  return { ...run, report: JSON.parse(run.stdout) as FindingsReportJson };
}

function rulesReported(report: FindingsReportJson, severity?: string): Set<string> {
  return new Set(report.findings.filter((f) => severity === undefined || f.severity === severity).map((f) => f.rule));
}

describe.each(EXAMPLES)("examples/%s.yaml", (example) => {
  test("validate --format json matches the reviewed golden file", async () => {
    const { stdout, stderr } = await validate(example);
    expect(stderr).toBe("");
    const golden = path.join(__dirname, "golden", `${example}.findings.json`);
    if (UPDATE_GOLDEN) fs.writeFileSync(golden, stdout);
    if (!fs.existsSync(golden)) throw new Error(`${path.relative(ROOT, golden)} is missing; create it with UPDATE_GOLDEN=1 npx jest test/examples`);
    const expected = fs.readFileSync(golden, "utf8");
    const diff = expected === stdout ? "" : `${path.relative(ROOT, golden)} differs (review, then UPDATE_GOLDEN=1):\n${lineDiff(expected.split("\n"), stdout.split("\n"))}`;
    expect(diff).toBe("");
  });
});

describe("what each example demonstrates", () => {
  test("seed-original.yaml is refused (exit 1)", async () => {
    const { code, report } = await validate("seed-original");
    expect(code).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.summary.quorum).toMatchObject({ nodes: 2, qdevice: false, expectedVotes: 2, toleratedNodeFailures: 0 });
    expect(report.summary.pools).toEqual([expect.objectContaining({ pool: "vm-pool", size: 3, minSize: 2, hostsWithOsds: 2, permanentlyDegraded: true })]);
  });

  test("seed-split-network.yaml passes: no unacknowledged error, QDevice as third vote", async () => {
    const { code, report } = await validate("seed-split-network");
    expect(code).toBe(0);
    expect(report.findings.filter((f) => f.severity === "error" && !f.acknowledged)).toEqual([]);
    expect(report.summary.quorum).toMatchObject({ nodes: 2, qdevice: true, expectedVotes: 3, quorum: 2, toleratedNodeFailures: 1 });
  });

  test("homelab-3node.yaml passes with no error, no warning and nothing acknowledged", async () => {
    const { code, report } = await validate("homelab-3node");
    expect(code).toBe(0);
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, acknowledged: 0 });
  });

  test.each(["seed-split-network", "homelab-3node"])("%s.yaml synthesizes", (example) => {
    const { spec } = loadSpecFile(path.join(ROOT, "examples", `${example}.yaml`));
    const json = JSON.parse(synthesizeJson((app) => ClusterStack.fromSpec(app, spec))) as { resource: Record<string, unknown> };
    expect(Object.keys(json.resource).length).toBeGreaterThan(0);
  });
});

describe("seed-original.yaml reports the problems rules.md 1.N documents for it", () => {
  let errors: Set<string>;
  let warnings: Set<string>;
  beforeAll(async () => {
    const { report } = await validate("seed-original");
    errors = rulesReported(report, "error");
    warnings = rulesReported(report, "warning");
  });

  test("corosync shares the Ceph network: C3 and CN2 (errors)", () => {
    expect(errors).toContain("C3");
    expect(errors).toContain("CN2");
  });
  test("two nodes and HA without a QDevice: Q2 and H1 (errors)", () => {
    expect(errors).toContain("Q2");
    expect(errors).toContain("H1");
  });
  test("Ceph on two nodes with two MONs: CD1 and CD2 (errors)", () => {
    expect(errors).toContain("CD1");
    expect(errors).toContain("CD2");
  });
  test("the default pool size 3 on two hosts: P4 (error)", () => {
    expect(errors).toContain("P4");
  });
  test("no migration network, cpu type host on different CPUs: M5 and M3 (warnings)", () => {
    expect(warnings).toContain("M5");
    expect(warnings).toContain("M3");
  });
});

describe("seed-split-network.yaml acknowledges only what is reported", () => {
  test("no acknowledgement is left without a finding it accepts", async () => {
    const { report } = await validate("seed-split-network");
    const { spec } = loadSpecFile(path.join(ROOT, "examples/seed-split-network.yaml"));
    const reported = rulesReported(report);
    const unused = (spec.spec.acknowledge ?? []).map((a) => a.rule).filter((rule) => !reported.has(rule));
    expect(unused).toEqual([]);
  });
});
