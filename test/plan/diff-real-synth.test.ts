import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ClusterSpec } from "../../lib/model/spec-types";
import { synthesizeSpec } from "../../lib/synth";
import { baseSpec } from "../fixtures/base-spec";
import { cli } from "./helpers";

/**
 * `pvecdk diff` on what pvecdk itself synthesizes: the spec edits a pull request
 * would make, reviewed without Terraform.
 */
describe("pvecdk diff on two real syntheses of a spec", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-diff-synth-"));
  let review: {
    counts: Record<string, number>;
    resources: { address: string; action: string; risk?: string; consequences: string[]; label?: string }[];
  };

  beforeAll(async () => {
    const base = baseSpec();
    const withScratch: ClusterSpec = {
      ...base,
      spec: { ...base.spec, ceph: { ...base.spec.ceph!, pools: [...base.spec.ceph!.pools!, { name: "scratch", size: 3, minSize: 2 }] } },
    };
    // The pull request: web2 moves to pve3, web1 gets more memory, the scratch pool goes away.
    const head: ClusterSpec = {
      ...base,
      spec: {
        ...base.spec,
        vms: base.spec.vms!.map((vm) =>
          vm.name === "web2" ? { ...vm, node: "pve3" } : vm.name === "web1" ? { ...vm, memoryMiB: 8192 } : vm,
        ),
      },
    };
    synthesizeSpec(withScratch, { outdir: path.join(root, "base") });
    synthesizeSpec(head, { outdir: path.join(root, "head") });
    const run = await cli(["diff", "base", "head", "--format", "json"], { cwd: root });
    expect(run.stderr).toBe("");
    review = JSON.parse(run.stdout);
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("shows exactly the three edits, nothing else", () => {
    expect(review.counts).toMatchObject({ create: 0, replace: 0 });
    expect(review.resources.map((r) => `${r.action} ${r.address}: ${r.label}`)).toEqual([
      'delete proxmox_ceph_pool.ceph_pool_scratch: pool "scratch"',
      'update proxmox_virtual_environment_vm.vm_web1: VM 101 "web1" on pve1',
      'update proxmox_virtual_environment_vm.vm_web2: VM 102 "web2" on pve2 → pve3',
    ]);
  });

  it("calls the removed pool data loss", () => {
    const pool = review.resources.find((r) => r.label === 'pool "scratch"');
    expect(pool?.consequences[0]).toMatch(/every object in it are deleted: data loss/);
  });

  it("reads the node change of a pvecdk VM as a live migration (pvecdk sets migrate = true)", () => {
    const web2 = review.resources.find((r) => r.label === 'VM 102 "web2" on pve2 → pve3');
    expect(web2?.risk).toBe("disruptive");
    expect(web2?.consequences[0]).toMatch(/^Live migration from pve2 to pve3/);
  });
});
