import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing } from "cdktn";
// Brings in the type declarations of the matchers Testing.setupJest() installs.
import type {} from "cdktn/lib/testing/adapters/jest";
import { MinimalStack } from "../../stacks/minimal-stack";
import { ProxmoxProvider } from "../../.gen/providers/proxmox/provider";
import { NetworkLinuxBridge } from "../../.gen/providers/proxmox/network-linux-bridge";
import { VirtualEnvironmentVm } from "../../.gen/providers/proxmox/virtual-environment-vm";
import { checkTerraformJson, committedProviderSchema } from "../../lib/terraform";

Testing.setupJest();

const REPO = path.resolve(__dirname, "../..");

let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-minimal-"));
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/**
 * Synthesizes the minimal stack the way `node dist/stacks/main.js` does, but
 * into `outdir` with `cwd` as the working directory; returns every file written,
 * by path relative to outdir.
 */
function synthesizeIn(cwd: string, outdir: string): Map<string, string> {
  fs.mkdirSync(cwd, { recursive: true });
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const app = new App({ outdir });
    new MinimalStack(app, "minimal");
    app.synth();
  } finally {
    process.chdir(previous);
  }
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(outdir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(outdir, child), "utf8"));
    }
  };
  walk("");
  return files;
}

describe("the minimal stack", () => {
  const synthesized = () => Testing.synth(new MinimalStack(Testing.app({ outdir: path.join(scratch, "testing") }), "minimal"));

  it("declares the proxmox provider with no settings: credentials come from the environment", () => {
    expect(synthesized()).toHaveProviderWithProperties(ProxmoxProvider, {});
  });

  it("has the guest bridge on pve1", () => {
    expect(synthesized()).toHaveResourceWithProperties(NetworkLinuxBridge, {
      node_name: "pve1",
      name: "vmbr1",
      comment: "guest bridge",
      vlan_aware: true,
      mtu: 1500,
    });
  });

  it("has the VM with a fixed VMID, its CPU, memory and disk, ordered after the bridge", () => {
    expect(synthesized()).toHaveResourceWithProperties(VirtualEnvironmentVm, {
      node_name: "pve1",
      vm_id: 1000,
      name: "demo-vm",
      started: false,
      cpu: { cores: 2, type: "x86-64-v2-AES" },
      memory: { dedicated: 2048 },
      disk: [{ interface: "scsi0", datastore_id: "local-lvm", size: 16 }],
      depends_on: ["proxmox_network_linux_bridge.vmbr1"],
    });
  });

  describe("as written to cdktf.out", () => {
    let one: Map<string, string>;
    let two: Map<string, string>;

    beforeAll(() => {
      // Different working directories and output folders, as on two machines or checkouts.
      one = synthesizeIn(path.join(scratch, "checkout-a"), path.join(scratch, "checkout-a", "cdktf.out"));
      two = synthesizeIn(path.join(scratch, "elsewhere", "b"), path.join(scratch, "out-b"));
    });

    const stackJson = () => JSON.parse(one.get("stacks/minimal/cdk.tf.json")!) as Record<string, unknown>;

    it("writes the manifest and one stack file", () => {
      expect([...one.keys()].sort()).toEqual(["manifest.json", "stacks/minimal/cdk.tf.json"]);
    });

    it("conforms to the bpg/proxmox 0.111.1 schema with no problem at all", () => {
      expect(checkTerraformJson(stackJson(), committedProviderSchema())).toEqual([]);
    });

    it("is byte-identical across synthesis runs from different folders", () => {
      expect([...two.keys()].sort()).toEqual([...one.keys()].sort());
      for (const [file, text] of one) expect({ file, text: two.get(file) }).toEqual({ file, text });
    });

    it("leaks no machine-specific path", () => {
      const machinePaths = [scratch, fs.realpathSync(scratch), os.homedir(), REPO, os.tmpdir()];
      for (const [file, text] of one) {
        for (const machinePath of machinePaths) {
          expect({ file, leaks: text.includes(machinePath) ? machinePath : null }).toEqual({ file, leaks: null });
        }
      }
    });

    it("writes no credential into the provider block", () => {
      const provider = stackJson().provider as { proxmox: Record<string, unknown>[] };
      const credentialKeys = ["api_token", "auth_ticket", "csrf_prevention_token", "endpoint", "otp", "password", "username"];
      expect(provider.proxmox).toHaveLength(1);
      for (const config of provider.proxmox) {
        expect(Object.keys(config).filter((key) => credentialKeys.includes(key) || key === "ssh")).toEqual([]);
      }
    });

    it("keeps the Terraform state path relative", () => {
      expect(stackJson().terraform).toMatchObject({ backend: { local: { path: "terraform.tfstate" } } });
    });
  });
});
