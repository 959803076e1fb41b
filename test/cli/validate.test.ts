import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { ALL_RULES } from "../../lib/rules";
import { baseSpec } from "../fixtures/base-spec";
import { CliRun, runCliCaptured } from "../helpers/cli";

function run(argv: string[], cwd: string, options: { isTTY?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return runCliCaptured(argv, { cwd, ...options });
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-validate-"));
});

function write(name: string, content: string): string {
  fs.writeFileSync(path.join(dir, name), content);
  return name;
}

/** The baseline with the web2 VM reusing web1's VMID: rule V2 reports an error. */
function clashingVmids(acknowledge?: string): string {
  const spec = JSON.parse(JSON.stringify(baseSpec()));
  spec.spec.vms[1].vmid = 101;
  if (acknowledge) spec.spec.acknowledge = [{ rule: "V2", reason: acknowledge }];
  return stringify(spec);
}

describe("pvecdk validate: exit codes", () => {
  test("0 for a clean spec, with the quorum summary", async () => {
    const result = await run(["validate", write("lab.yaml", stringify(baseSpec()))], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Quorum: 3 nodes = 3 votes, quorum 2, survives 1 node failure\n");
    expect(result.stdout).toContain('Ceph pool "vmdata" size 3/min_size 2 on 3 hosts with OSDs: keeps serving I/O with 1 host down\n');
    expect(result.stdout).toMatch(/Summary: cluster "lab" valid — 0 errors, 0 warnings, \d+ info, 0 acknowledged\n$/);
  });

  test("1 for a rule error, reported as file:line: SEVERITY RULE message with a hint", async () => {
    const text = clashingVmids();
    const result = await run(["validate", write("lab.yaml", text)], dir);
    expect(result.code).toBe(1);
    const lines = text.split("\n");
    const vmidLine = lines.findIndex((l, i) => l.includes("vmid: 101") && lines.slice(0, i).some((p) => p.includes("name: web2"))) + 1;
    expect(result.stdout).toMatch(new RegExp(`^Errors \\(1\\)\\n  lab\\.yaml:${vmidLine}: ERROR V2 .+\\n      hint: .+\\n`));
    expect(result.stdout).toMatch(/Summary: cluster "lab" not valid — 1 error, /);
  });

  test("0 when the spec acknowledges the error; it is listed with its reason", async () => {
    const result = await run(["validate", write("lab.yaml", clashingVmids("web2 replaces web1 during the migration window"))], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("Errors (");
    expect(result.stdout).toMatch(/Acknowledged \(1\)\n {2}lab\.yaml:\d+: ERROR V2 .+\n {6}hint: .+\n {6}acknowledged: web2 replaces web1 during the migration window\n/);
    expect(result.stdout).toMatch(/valid — 0 errors, 0 warnings, \d+ info, 1 acknowledged/);
  });

  test("2 for a file that does not exist: one line on stderr, nothing on stdout", async () => {
    const result = await run(["validate", "missing.yaml"], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("pvecdk: missing.yaml: cannot read the file: it does not exist — check the path\n");
  });

  test("2 for a YAML syntax error", async () => {
    const result = await run(["validate", write("bad.yaml", "spec:\n  nodes: [pve1\n")], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pvecdk: bad\.yaml:3:1: YAML syntax error: /);
  });

  test("1 for schema problems, every one on its own line", async () => {
    const spec = JSON.parse(JSON.stringify(baseSpec()));
    spec.spec.nodes[0].ceph.mosd = true;
    spec.spec.vms[0].vmid = 5;
    const result = await run(["validate", write("lab.yaml", stringify(spec))], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      "pvecdk: lab.yaml: 2 problems in the cluster spec:",
      expect.stringMatching(/^ {2}lab\.yaml:\d+:\d+: \/spec\/nodes\/0\/ceph\/mosd: unknown key "mosd" .* did you mean "mds"\?$/),
      expect.stringMatching(/^ {2}lab\.yaml:\d+:\d+: \/spec\/vms\/0\/vmid: expected an integer from 100 to 999999999, found 5 — /),
      "",
    ]);
  });

  test("a usage mistake is 2", async () => {
    const result = await run(["validate", "lab.yaml", "--format", "xml"], dir);
    expect(result.code).toBe(2);
  });
});

describe("pvecdk validate --format json", () => {
  test("findings with rule, severity, path, line, message, hint; the summary with quorum and pools", async () => {
    const result = await run(["validate", write("lab.yaml", clashingVmids()), "--format", "json"], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.file).toBe("lab.yaml");
    expect(report.cluster).toBe("lab");
    expect(report.valid).toBe(false);
    const v2 = report.findings.find((f: { rule: string }) => f.rule === "V2");
    expect(v2).toEqual({
      rule: "V2",
      severity: "error",
      path: "/spec/vms/1/vmid",
      line: expect.any(Number),
      message: expect.any(String),
      hint: expect.any(String),
    });
    expect(report.summary).toMatchObject({
      errors: 1,
      warnings: 0,
      acknowledged: 0,
      quorum: { nodes: 3, qdevice: false, expectedVotes: 3, quorum: 2, toleratedNodeFailures: 1 },
      pools: [{ pool: "vmdata", size: 3, minSize: 2, hostsWithOsds: 3, hostFailuresTolerated: 1, permanentlyDegraded: false }],
    });
  });

  test("an acknowledged finding carries its reason", async () => {
    const result = await run(["validate", write("lab.yaml", clashingVmids("accepted for the test")), "--format", "json"], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(true);
    expect(report.findings.find((f: { rule: string }) => f.rule === "V2").acknowledged).toEqual({ reason: "accepted for the test" });
    expect(report.summary.acknowledged).toBe(1);
  });

  test("schema problems as data, exit 1", async () => {
    const spec = JSON.parse(JSON.stringify(baseSpec()));
    spec.spec.nodes[1].name = "pve1";
    const result = await run(["validate", write("lab.json", JSON.stringify(spec, null, 2)), "--format", "json"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      file: "lab.json",
      valid: false,
      error: "invalid",
      problems: [{ path: "/spec/nodes/1/name", line: expect.any(Number), column: expect.any(Number), message: expect.stringContaining('node name "pve1" is already used') }],
    });
  });

  test("an unreadable file as data, exit 2", async () => {
    const result = await run(["validate", "nope.yaml", "--format", "json"], dir);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: "nope.yaml", valid: false, error: "unreadable", problems: [{ path: "/", line: null }] });
  });
});

describe("pvecdk validate: colour", () => {
  const file = () => write("lab.yaml", clashingVmids());

  test("on a terminal", async () => {
    expect((await run(["validate", file()], dir, { isTTY: true })).stdout).toContain("\u001b[31;1mERROR\u001b[0m");
  });

  test("never when NO_COLOR is set or output is not a terminal", async () => {
    expect((await run(["validate", file()], dir, { isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
    expect((await run(["validate", file()], dir, { isTTY: false })).stdout).not.toContain("\u001b[");
  });
});

describe("help", () => {
  test("validate --help shows an example and the exit codes", async () => {
    const result = await run(["validate", "--help"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("$ pvecdk validate examples/seed-split-network.yaml");
    expect(result.stdout).toContain("Exit codes: 0 no unacknowledged error, 1 errors found");
  });
});

describe("pvecdk rules", () => {
  test("lists every rule ID with its title", async () => {
    const result = await run(["rules"], dir);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(ALL_RULES.length);
    ALL_RULES.forEach((rule, i) => expect(lines[i]).toMatch(new RegExp(`^${rule.id} +${rule.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`)));
  });

  test("as JSON", async () => {
    const result = await run(["rules", "--format", "json"], dir);
    expect(JSON.parse(result.stdout)).toEqual({ rules: ALL_RULES.map((r) => ({ id: r.id, title: r.title })) });
  });
});
