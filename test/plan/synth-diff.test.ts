import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { diffSynthOutputs } from "../../lib/plan/synth-diff";
import { readSynthOutput } from "../../lib/plan/synth-output";
import { PlanReview } from "../../lib/plan/review-model";
import { cli, resource } from "./helpers";

type Resources = Record<string, Record<string, unknown>>;

/** A synthesized stack as cdktn writes it, with `//` metadata on the stack and on each resource. */
function stack(resources: Resources): string {
  const withMetadata: Resources = {};
  for (const [type, byName] of Object.entries(resources)) {
    withMetadata[type] = Object.fromEntries(
      Object.entries(byName).map(([name, config]) => [name, { "//": { metadata: { path: `lab/${name}`, uniqueId: name } }, ...(config as object) }]),
    );
  }
  return JSON.stringify({ "//": { metadata: { stackName: "lab", version: "0.24.0" } }, resource: withMetadata, terraform: {} }, null, 2);
}

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-diff-"));
}

/** Diffs two single-stack outputs given as resource maps. */
function diff(base: Resources, head: Resources): PlanReview {
  const dir = scratch();
  fs.writeFileSync(path.join(dir, "base.json"), stack(base));
  fs.writeFileSync(path.join(dir, "head.json"), stack(head));
  return diffSynthOutputs(readSynthOutput("base.json", dir), readSynthOutput("head.json", dir));
}

const VM = "proxmox_virtual_environment_vm";
const CT = "proxmox_virtual_environment_container";

describe("pvecdk diff: added, removed, changed", () => {
  const base = {
    [VM]: { web1: { node_name: "pve1", vm_id: 101, cpu: { cores: 2 } }, old: { node_name: "pve1", vm_id: 109 } },
    proxmox_network_linux_bridge: { vmbr1: { node_name: "pve1", name: "vmbr1", mtu: 1500 } },
  };
  const head = {
    [VM]: { web1: { node_name: "pve1", vm_id: 101, cpu: { cores: 4 } }, web2: { node_name: "pve2", vm_id: 102 } },
    proxmox_network_linux_bridge: { vmbr1: { node_name: "pve1", name: "vmbr1", mtu: 1500 } },
  };

  it("reports creates, deletes and attribute-level updates, and counts the rest as unchanged", () => {
    const review = diff(base, head);
    expect(review.source).toBe("synth-diff");
    expect(review.counts).toMatchObject({ create: 1, update: 1, delete: 1, replace: 0, "no-op": 1 });
    expect(resource(review, `${VM}.web2`).action).toBe("create");
    expect(resource(review, `${VM}.old`)).toMatchObject({ action: "delete", risk: "destructive" });
    expect(resource(review, `${VM}.web1`).attributes).toEqual([
      { path: "cpu.cores", before: { kind: "value", value: 2 }, after: { kind: "value", value: 4 }, forcesReplacement: false },
    ]);
  });

  it("ignores cdktn's // metadata", () => {
    const moved = { [VM]: { web1: { "//": { metadata: { path: "lab/elsewhere/web1" } }, node_name: "pve1" } } };
    const review = diff({ [VM]: { web1: { node_name: "pve1" } } }, moved);
    expect(review.resources).toEqual([]);
    expect(review.counts["no-op"]).toBe(1);
  });
});

describe("pvecdk diff: replacements inferred from the provider's force-new attributes", () => {
  it("replaces a VM whose disk image changes, naming the attribute", () => {
    const review = diff(
      { [VM]: { db1: { node_name: "pve1", disk: [{ interface: "scsi0", file_id: "local:import/a.qcow2" }] } } },
      { [VM]: { db1: { node_name: "pve1", disk: [{ interface: "scsi0", file_id: "local:import/b.qcow2" }] } } },
    );
    const db1 = resource(review, `${VM}.db1`);
    expect(db1).toMatchObject({ action: "replace", replacePaths: ["disk[0].file_id"], reason: "replace_because_cannot_update" });
    expect(db1.consequences).toContain("The VM is destroyed and created again: its disks are recreated, so data on them is lost unless backed up.");
  });

  it("migrates a VM with migrate = true and re-creates one without it", () => {
    const review = diff(
      { [VM]: { a: { node_name: "pve1", migrate: true }, b: { node_name: "pve1" } } },
      { [VM]: { a: { node_name: "pve2", migrate: true }, b: { node_name: "pve2" } } },
    );
    expect(resource(review, `${VM}.a`)).toMatchObject({ action: "update", risk: "disruptive" });
    expect(resource(review, `${VM}.b`)).toMatchObject({ action: "replace", replacePaths: ["node_name"] });
    expect(resource(review, `${VM}.b`).reasonText).toBe("the provider cannot change `node_name` in place (another node while migrate is false)");
  });

  it("replaces a container whose root disk shrinks, not one whose disk grows", () => {
    const review = diff(
      { [CT]: { small: { node_name: "pve1", disk: { size: 16 } }, big: { node_name: "pve1", disk: { size: 8 } } } },
      { [CT]: { small: { node_name: "pve1", disk: { size: 8 } }, big: { node_name: "pve1", disk: { size: 16 } } } },
    );
    expect(resource(review, `${CT}.small`).action).toBe("replace");
    expect(resource(review, `${CT}.big`).action).toBe("update");
  });

  it("replaces a container when a mount point is added, blaming the whole block", () => {
    const review = diff({ [CT]: { c: { node_name: "pve1" } } }, { [CT]: { c: { node_name: "pve1", mount_point: [{ volume: "ceph-vm", size: "8G", path: "/data" }] } } });
    expect(resource(review, `${CT}.c`)).toMatchObject({ action: "replace", replacePaths: ["mount_point"] });
  });

  it("replaces terraform_data when triggers_replace changes, updates it when only input changes", () => {
    const step = (link0: string) => ({ pvecdk_step: "cluster-join", node: "pve2", link0 });
    const review = diff(
      { terraform_data: { join: { input: step("10.0.10.12"), triggers_replace: step("10.0.10.12") }, note: { input: "a" } } },
      { terraform_data: { join: { input: step("10.0.10.22"), triggers_replace: step("10.0.10.22") }, note: { input: "b" } } },
    );
    expect(resource(review, "terraform_data.join")).toMatchObject({ action: "replace", replacePaths: ["triggers_replace.link0"], domain: "cluster" });
    expect(resource(review, "terraform_data.note").action).toBe("update");
  });

  it("replaces a Ceph pool renamed and an NFS storage pointed at another server", () => {
    const review = diff(
      { proxmox_ceph_pool: { p: { name: "vmdata", size: 3 } }, proxmox_virtual_environment_storage_nfs: { s: { id: "nfs", server: "10.0.0.1" } } },
      { proxmox_ceph_pool: { p: { name: "vmdata2", size: 3 } }, proxmox_virtual_environment_storage_nfs: { s: { id: "nfs", server: "10.0.0.2" } } },
    );
    expect(resource(review, "proxmox_ceph_pool.p").consequences[0]).toMatch(/is deleted and created empty: all data in it is lost/);
    expect(resource(review, "proxmox_virtual_environment_storage_nfs.s").action).toBe("replace");
  });

  it("updates in place what the provider can update (a bridge's MTU)", () => {
    const review = diff(
      { proxmox_network_linux_bridge: { b: { node_name: "pve1", name: "vmbr1", mtu: 1500 } } },
      { proxmox_network_linux_bridge: { b: { node_name: "pve1", name: "vmbr1", mtu: 9000 } } },
    );
    expect(resource(review, "proxmox_network_linux_bridge.b")).toMatchObject({ action: "update", risk: undefined });
  });
});

describe("pvecdk diff: inputs", () => {
  it("reads cdktf.out directories with several stacks, prefixing addresses with the stack", () => {
    const root = scratch();
    for (const [out, cores] of [["base", 2], ["head", 4]] as const) {
      for (const name of ["east", "west"]) {
        fs.mkdirSync(path.join(root, out, "stacks", name), { recursive: true });
        fs.writeFileSync(path.join(root, out, "stacks", name, "cdk.tf.json"), stack({ [VM]: { web: { node_name: "pve1", cpu: { cores } } } }));
      }
      fs.writeFileSync(
        path.join(root, out, "manifest.json"),
        JSON.stringify({ version: "0.24.0", stacks: { east: { synthesizedStackPath: "stacks/east/cdk.tf.json" }, west: { synthesizedStackPath: "stacks/west/cdk.tf.json" } } }),
      );
    }
    const review = diffSynthOutputs(readSynthOutput("base", root), readSynthOutput("head", root));
    expect(review.resources.map((r) => r.address)).toEqual([`east/${VM}.web`, `west/${VM}.web`]);
  });

  it("runs from the CLI with the same formats and gates as review", async () => {
    const base = "test/fixtures/plans/synth/base";
    const head = "test/fixtures/plans/synth/head";
    const json = JSON.parse((await cli(["diff", base, head, "--format", "json"])).stdout);
    expect(json).toMatchObject({ source: "synth-diff", inputs: [base, head], destructive: true });
    expect(json.counts).toMatchObject({ create: 1, update: 4, replace: 5, delete: 1 });
    const gated = await cli(["diff", base, head, "--fail-on", "replace"]);
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/^pvecdk: --fail-on replace: 5 changes trip the gate: /);
  });

  it("refuses unreadable inputs with one line naming the file, exit 2", async () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, "broken.json"), "{");
    fs.writeFileSync(path.join(dir, "plan.json"), JSON.stringify({ format_version: "1.2", planned_values: {} }));
    fs.mkdirSync(path.join(dir, "empty"));
    const cases: [string[], RegExp][] = [
      [["diff", "missing", "broken.json"], /^pvecdk: missing: does not exist; give a cdk\.tf\.json file or a cdktf\.out directory\n$/],
      [["diff", "broken.json", "broken.json"], /^pvecdk: broken\.json: is not JSON \(/],
      [["diff", "plan.json", "broken.json"], /^pvecdk: plan\.json: is a Terraform plan or state, not synthesized configuration; review plans with `pvecdk review <plan\.json>`\n$/],
      [["diff", "empty", "broken.json"], /^pvecdk: empty: holds no cdk\.tf\.json/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
    }
  });
});

describe("pvecdk diff: protection", () => {
  it("flags prevent_destroy being switched off", () => {
    const review = diff(
      { proxmox_ceph_pool: { p: { name: "vmdata", lifecycle: { prevent_destroy: true } } } },
      { proxmox_ceph_pool: { p: { name: "vmdata" } } },
    );
    expect(resource(review, "proxmox_ceph_pool.p")).toMatchObject({
      action: "update",
      risk: "disruptive",
      consequences: ["`prevent_destroy` is switched off: from now on a plan may destroy it without an error."],
    });
  });
});
