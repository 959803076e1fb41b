import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { ClusterSpec } from "../../lib/model/spec-types";
import * as rules from "../../lib/rules";
import { baseSpec } from "../fixtures/base-spec";
import { synthText } from "./helpers";
import { CliRun, runCliCaptured } from "../helpers/cli";

/** An in-process CLI run in a scratch working directory. */
function run(argv: string[], cwd: string): Promise<CliRun> {
  return runCliCaptured(argv, { cwd });
}

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-cli-"));
}

function writeSpec(dir: string, spec: ClusterSpec, name = "cluster.yaml"): string {
  fs.writeFileSync(path.join(dir, name), stringify(spec));
  return name;
}

/** Every file under `dir`, relative. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("pvecdk synth", () => {
  let dir: string;
  beforeEach(() => {
    dir = scratch();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("writes cdktf.out/stacks/<cluster>/cdk.tf.json and prints resource counts, apply phases and findings", async () => {
    const spec = writeSpec(dir, baseSpec());
    const { code, stdout, stderr } = await run(["synth", spec], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(listFiles(path.join(dir, "cdktf.out"))).toEqual(["manifest.json", "stacks/lab/cdk.tf.json"]);
    expect(fs.readFileSync(path.join(dir, "cdktf.out/stacks/lab/cdk.tf.json"), "utf8")).toBe(synthText(baseSpec()));
    expect(stdout).toMatch(/^Synthesized cluster "lab": \d+ resources → cdktf.out\/stacks\/lab\/cdk.tf.json$/m);
    expect(stdout).toMatch(/^ {2}terraform_data +\d+$/m);
    expect(stdout).toMatch(/^ {3}1\. node networks .* — 15$/m);
    expect(stdout).toMatch(/^ {3}2\. cluster creation on the first node, with every corosync link — 1$/m);
    expect(stdout).toMatch(/^Findings: 0 errors, \d+ warnings?, \d+ info, 0 acknowledged/m);
  });

  test("validates once: the findings it reports are the ones synthesis checks", async () => {
    const runRules = jest.spyOn(rules, "runRules");
    try {
      const spec = writeSpec(dir, baseSpec());
      const { code } = await run(["synth", spec], dir);
      expect(code).toBe(0);
      expect(runRules).toHaveBeenCalledTimes(1);
    } finally {
      runRules.mockRestore();
    }
  });

  test("--out and --format json: a machine-readable summary", async () => {
    const spec = writeSpec(dir, baseSpec());
    const { code, stdout } = await run(["synth", spec, "--out", "build/tf", "--format", "json"], dir);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as {
      cluster: string;
      file: string;
      resourceCounts: Record<string, number>;
      resourceTotal: number;
      phases: { order: number; id: string; resources: number }[];
      summary: { errors: number };
    };
    expect(summary.cluster).toBe("lab");
    expect(summary.file).toBe("build/tf/stacks/lab/cdk.tf.json");
    expect(fs.existsSync(path.join(dir, summary.file))).toBe(true);
    expect(summary.resourceCounts.proxmox_ceph_pool).toBe(1);
    expect(Object.values(summary.resourceCounts).reduce((a, b) => a + b, 0)).toBe(summary.resourceTotal);
    expect(summary.phases.map((p) => p.id)).toEqual([
      "network",
      "cluster-create",
      "cluster-join",
      "ceph-install",
      "ceph-daemons",
      "ceph-osds",
      "ceph-pools",
      "storages",
      "cluster-options",
      "images",
      "templates",
      "vms",
      "ha",
    ]);
    expect(summary.phases.reduce((n, p) => n + p.resources, 0)).toBe(summary.resourceTotal);
    expect(summary.summary.errors).toBe(0);
  });

  test("blocking findings: the report is printed, nothing is written, exit 1", async () => {
    const doc = baseSpec();
    const bad: ClusterSpec = {
      ...doc,
      spec: { ...doc.spec, nodes: doc.spec.nodes.map((n, i) => (i === 2 ? { ...n, addresses: { ...n.addresses, corosync: "172.16.0.3" } } : n)) },
    };
    const spec = writeSpec(dir, bad);
    const { code, stdout, stderr } = await run(["synth", spec], dir);
    expect(code).toBe(1);
    // The shared findings report: file:line, severity, rule, message, hint.
    expect(stdout).toMatch(/^ {2}cluster\.yaml:\d+: ERROR IP3 Node 'pve3' uses 172\.16\.0\.3 on 'corosync'/m);
    expect(stderr).toMatch(/^pvecdk: synthesis of cluster "lab" stopped by \d+ blocking findings?; nothing was written\./);
    expect(fs.existsSync(path.join(dir, "cdktf.out"))).toBe(false);
  });

  test("blocking findings leave an earlier synthesis untouched", async () => {
    const spec = writeSpec(dir, baseSpec());
    expect((await run(["synth", spec], dir)).code).toBe(0);
    const before = fs.readFileSync(path.join(dir, "cdktf.out/stacks/lab/cdk.tf.json"), "utf8");
    const doc = baseSpec();
    writeSpec(dir, { ...doc, spec: { ...doc.spec, migration: { network: "migration", type: "secure" }, nodes: doc.spec.nodes.map((n) => ({ ...n, addresses: { ...n.addresses, migration: "10.9.9.9" } })) } });
    expect((await run(["synth", spec], dir)).code).toBe(1);
    expect(fs.readFileSync(path.join(dir, "cdktf.out/stacks/lab/cdk.tf.json"), "utf8")).toBe(before);
  });

  test("a spec the synthesizer cannot express names the file, line and spec path, writes nothing, exit 1", async () => {
    const doc = baseSpec();
    const spec = writeSpec(dir, { ...doc, spec: { ...doc.spec, backend: { type: "local", path: "/srv/state/lab.tfstate" } } });
    const { code, stderr } = await run(["synth", spec], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^pvecdk: cluster\.yaml:\d+: the local state path "\/srv\/state\/lab.tfstate" is absolute.* \(at \/spec\/backend\/path\)\n$/);
    expect(fs.existsSync(path.join(dir, "cdktf.out"))).toBe(false);
  });

  test("a missing spec file is unreadable input: one line, exit 2", async () => {
    const { code, stderr } = await run(["synth", "nope.yaml"], dir);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("nope.yaml");
    expect(fs.existsSync(path.join(dir, "cdktf.out"))).toBe(false);
  });

  test("without a spec argument, cluster.yaml in the working directory is synthesized", async () => {
    writeSpec(dir, baseSpec(), "cluster.yaml");
    const { code, stdout } = await run(["synth"], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Synthesized cluster "lab"/m);
    expect(fs.readFileSync(path.join(dir, "cdktf.out/stacks/lab/cdk.tf.json"), "utf8")).toBe(synthText(baseSpec()));
  });

  test("without a spec argument and no cluster.yaml/.yml/.json: one line naming what was looked for, exit 2, nothing written", async () => {
    const { code, stdout, stderr } = await run(["synth"], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`pvecdk: no spec file given and none of cluster.yaml, cluster.yml, cluster.json in ${dir}; name one, e.g. pvecdk synth examples/seed-split-network.yaml\n`);
    expect(listFiles(dir)).toEqual([]);
  });
});
