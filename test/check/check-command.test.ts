import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliRun, runCliCaptured } from "../helpers/cli";

function pvecdk(cwd: string, ...argv: string[]): Promise<CliRun> {
  return runCliCaptured(argv, { cwd });
}

const GOOD = {
  provider: { proxmox: [{}] },
  resource: { proxmox_network_linux_bridge: { vmbr1: { node_name: "pve1", name: "vmbr1" } } },
};
const BAD = {
  resource: {
    proxmox_network_linux_bridge: { vmbr1: { name: "vmbr1", mtu: "jumbo" } },
    proxmox_virtual_environment_vm: { web: { node_name: "pve1" } },
  },
};
const DEPRECATED_ONLY = { resource: { proxmox_virtual_environment_haresource: { ha: { resource_id: "vm:100" } } } };

let dir: string;

/** Writes `<dir>/<rel>` (creating folders) with the given JSON or raw text. */
function write(rel: string, content: unknown): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return rel;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-check-"));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("pvecdk check", () => {
  it("exits 0 and says so when every stack of a cdktf.out directory conforms", async () => {
    write("cdktf.out/stacks/lab/cdk.tf.json", GOOD);
    write("cdktf.out/stacks/prod/cdk.tf.json", GOOD);
    const run = await pvecdk(dir, "check", "cdktf.out");
    expect(run).toEqual({
      code: 0,
      stdout:
        "cdktf.out/stacks/lab/cdk.tf.json: ok (1 resource, 0 data sources)\n" +
        "cdktf.out/stacks/prod/cdk.tf.json: ok (1 resource, 0 data sources)\n" +
        "Conforms: 2 files, 2 resources, checked against bpg/proxmox 0.111.1.\n",
      stderr: "",
    });
  });

  it("accepts a stack directory or the file itself", async () => {
    write("cdktf.out/stacks/lab/cdk.tf.json", GOOD);
    expect((await pvecdk(dir, "check", "cdktf.out/stacks/lab")).code).toBe(0);
    expect((await pvecdk(dir, "check", "cdktf.out/stacks/lab/cdk.tf.json")).code).toBe(0);
  });

  it("exits 1 and prints each problem with its file and JSON path", async () => {
    write("stack.tf.json", BAD);
    const run = await pvecdk(dir, "check", "stack.tf.json");
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")).toEqual([
      "stack.tf.json: error: resource.proxmox_network_linux_bridge.vmbr1.mtu: " +
        'must be a number, got the string "jumbo" (a string converts only when it is a number, like "42")',
      'stack.tf.json: error: resource.proxmox_network_linux_bridge.vmbr1: missing required attribute "node_name"',
      "2 errors, 0 warnings (1 file, 2 resources, checked against bpg/proxmox 0.111.1).",
      "",
    ]);
    expect(run.stderr).toBe("");
  });

  it("exits 0 when there are only warnings, and still prints them", async () => {
    write("stack.tf.json", DEPRECATED_ONLY);
    const run = await pvecdk(dir, "check", "stack.tf.json");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'stack.tf.json: warning: resource.proxmox_virtual_environment_haresource.ha: resource type "proxmox_virtual_environment_haresource" is deprecated',
    );
    expect(run.stdout).toContain("0 errors, 1 warning");
  });

  it("prints problems, counts and the schema as JSON with --format json", async () => {
    write("cdktf.out/stacks/lab/cdk.tf.json", BAD);
    const run = await pvecdk(dir, "check", "cdktf.out", "--format", "json");
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      schema: "bpg/proxmox 0.111.1",
      files: ["cdktf.out/stacks/lab/cdk.tf.json"],
      resources: 2,
      dataSources: 0,
      errors: 2,
      warnings: 0,
      problems: [
        {
          file: "cdktf.out/stacks/lab/cdk.tf.json",
          path: "resource.proxmox_network_linux_bridge.vmbr1.mtu",
          message: 'must be a number, got the string "jumbo" (a string converts only when it is a number, like "42")',
          severity: "error",
        },
        {
          file: "cdktf.out/stacks/lab/cdk.tf.json",
          path: "resource.proxmox_network_linux_bridge.vmbr1",
          message: 'missing required attribute "node_name"',
          severity: "error",
        },
      ],
    });
  });

  it("prints a clean JSON report with exit 0", async () => {
    write("cdk.tf.json", GOOD);
    const run = await pvecdk(dir, "check", ".", "--format", "json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ problems: [], resources: 1, errors: 0 });
  });

  describe("unreadable input exits 2 with one line on stderr and nothing on stdout", () => {
    it("a missing file", async () => {
      expect(await pvecdk(dir, "check", "cdktf.out/stacks/nope/cdk.tf.json")).toEqual({
        code: 2,
        stdout: "",
        stderr: "pvecdk: cdktf.out/stacks/nope/cdk.tf.json: no such file or directory\n",
      });
    });

    it("invalid JSON, located by line and column", async () => {
      write("broken.tf.json", '{\n  "resource": {,\n}');
      const run = await pvecdk(dir, "check", "broken.tf.json");
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^pvecdk: broken\.tf\.json: not valid JSON: .*line 2,? column 16.*\n$/);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    });

    it("a directory without synthesized stacks", async () => {
      fs.mkdirSync(path.join(dir, "empty"));
      expect(await pvecdk(dir, "check", "empty")).toEqual({
        code: 2,
        stdout: "",
        stderr: "pvecdk: empty: no synthesized stacks found (expected cdk.tf.json or stacks/<stack>/cdk.tf.json); run synthesis first\n",
      });
    });

    it("a provider schema file that does not exist", async () => {
      write("cdk.tf.json", GOOD);
      expect(await pvecdk(dir, "check", ".", "--schema", "missing.schema.json")).toEqual({
        code: 2,
        stdout: "",
        stderr: "pvecdk: missing.schema.json: cannot use as provider schema: no such file\n",
      });
    });

    it("a file that is not a provider schema", async () => {
      write("cdk.tf.json", GOOD);
      write("plan.json", { format_version: "1.2", resource_changes: [] });
      const run = await pvecdk(dir, "check", ".", "--schema", "plan.json");
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        "pvecdk: plan.json: cannot use as provider schema: not a provider schema: no provider_schemas (expected `terraform providers schema -json` output)\n",
      );
    });

    it("a provider schema with a type the checker cannot read, found when the type is first used", async () => {
      write("cdk.tf.json", GOOD);
      const attributes = { name: { type: "string", required: true }, node_name: { type: ["list"], required: true } };
      write("odd.schema.json", {
        format_version: "1.0",
        provider_schemas: {
          "registry.terraform.io/bpg/proxmox": { provider: { block: {} }, resource_schemas: { proxmox_network_linux_bridge: { block: { attributes } } } },
        },
      });
      const run = await pvecdk(dir, "check", ".", "--schema", "odd.schema.json");
      expect(run).toEqual({
        code: 2,
        stdout: "",
        stderr: 'pvecdk: odd.schema.json: cannot use as provider schema: unsupported type ["list"] at resource.proxmox_network_linux_bridge.node_name\n',
      });
    });

    it("checks against another schema when asked, naming its version from the file name", async () => {
      write("cdk.tf.json", GOOD);
      const attributes = { name: { type: "string", required: true } };
      write("0.99.0.schema.json", {
        format_version: "1.0",
        provider_schemas: {
          "registry.terraform.io/bpg/proxmox": { provider: { block: {} }, resource_schemas: { proxmox_network_linux_bridge: { block: { attributes } } } },
        },
      });
      const run = await pvecdk(dir, "check", ".", "--schema", "0.99.0.schema.json");
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        'cdk.tf.json: error: resource.proxmox_network_linux_bridge.vmbr1.node_name: unknown attribute or block "node_name" in resource type proxmox_network_linux_bridge',
      );
      expect(run.stdout).toContain("checked against bpg/proxmox 0.99.0");
    });
  });

  it("rejects an unknown format as a usage error", async () => {
    write("cdk.tf.json", GOOD);
    expect((await pvecdk(dir, "check", ".", "--format", "yaml")).code).toBe(2);
  });

  it("explains itself in --help, with examples and exit codes", async () => {
    const run = await pvecdk(dir, "check", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("$ pvecdk check cdktf.out");
    expect(run.stdout).toContain("Exit codes: 0 conforms (warnings allowed), 1 problems found, 2 unreadable input.");
  });
});
