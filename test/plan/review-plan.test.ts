import { actionOf } from "../../lib/plan/review-plan";
import { isDestructive } from "../../lib/plan/review-model";
import { resource, reviewFixture } from "./helpers";

describe("reviewing real Terraform plans of terraform_data (tf-* fixtures)", () => {
  it("counts creates and calls a plan without destruction safe", () => {
    const review = reviewFixture("tf-create");
    expect(review.counts).toMatchObject({ create: 3, update: 0, replace: 0, delete: 0 });
    expect(isDestructive(review)).toBe(false);
    expect(review.attention).toEqual([]);
    expect(resource(review, "terraform_data.cluster_join_pve2")).toMatchObject({ domain: "cluster", label: "cluster-join on pve2" });
  });

  it("shows an in-place update attribute by attribute, masking the sensitive input", () => {
    const review = reviewFixture("tf-update");
    const join = resource(review, "terraform_data.cluster_join_pve2");
    expect(join.action).toBe("update");
    expect(join.attributes.map((a) => a.path)).toEqual(["input.api_token", "input.link0"]);
    expect(join.attributes[0]).toMatchObject({ before: { kind: "sensitive" }, after: { kind: "sensitive" } });
    expect(JSON.stringify(review)).not.toMatch(/token-before|token-after/);
    // An input-only change of a bootstrap step does not re-run it: the review says so.
    expect(join.risk).toBe("disruptive");
    expect(join.consequences[0]).toMatch(/does not run again/);
  });

  it("names the attribute that forces a replacement and what the step touches", () => {
    const osd = resource(reviewFixture("tf-replace"), "terraform_data.ceph_osd_pve1_sdb");
    expect(osd.action).toBe("replace");
    expect(osd.replacePaths).toEqual(["triggers_replace"]);
    expect(osd.reasonText).toBe("the provider cannot change `triggers_replace` in place");
    expect(osd.attributes.filter((a) => a.forcesReplacement).map((a) => a.path)).toEqual(["triggers_replace.device"]);
    expect(osd.domain).toBe("ceph");
    expect(osd.consequences.join(" ")).toMatch(/Ceph OSD on pve1/);
  });

  it("leaves out attributes that only restate the change (new id, terraform_data output)", () => {
    const osd = resource(reviewFixture("tf-replace"), "terraform_data.ceph_osd_pve1_sdb");
    expect(osd.attributes.map((a) => a.path)).toEqual(["input.device", "triggers_replace.device"]);
  });

  it("flags a deleted join step, and says nothing on the node is undone", () => {
    const review = reviewFixture("tf-delete");
    expect(review.counts).toMatchObject({ delete: 1, "no-op": 1 });
    const join = resource(review, "terraform_data.cluster_join_pve3");
    expect(join).toMatchObject({ action: "delete", risk: "destructive", reasonText: "its configuration was removed" });
    expect(join.consequences.join(" ")).toMatch(/nothing is undone on pve3.*pvecm delnode/);
  });

  it("lists every resource of a destroy plan under attention", () => {
    const review = reviewFixture("tf-destroy-all");
    expect(review.counts.delete).toBe(2);
    expect(review.attention.map((r) => r.address)).toEqual(["terraform_data.cluster_join_pve2", "terraform_data.cluster_join_pve3"]);
  });

  it("gives an empty review for a plan without changes", () => {
    const review = reviewFixture("tf-no-op");
    expect(review.resources).toEqual([]);
    expect(review.counts["no-op"]).toBe(3);
  });

  it("marks a plan that stopped with an error (prevent_destroy) and still shows what it planned", () => {
    const review = reviewFixture("tf-errored");
    expect(review.errored).toBe(true);
    expect(review.notes[0]).toMatch(/cannot be applied/);
    expect(resource(review, "terraform_data.rbd_storage_ceph_vm")).toMatchObject({ action: "delete", domain: "storage" });
  });

  it("reads moves, forgets, replacements and harmless waits in one plan", () => {
    const review = reviewFixture("tf-mixed");
    expect(review.counts).toMatchObject({ create: 1, update: 1, replace: 1, forget: 1, "no-op": 2 });
    expect(resource(review, "terraform_data.new_name")).toMatchObject({ action: "no-op", previousAddress: "terraform_data.old_name" });
    expect(resource(review, "terraform_data.legacy_marker")).toMatchObject({ action: "forget", risk: undefined });
    // Waiting for quorum is harmless: an update of it needs no attention.
    expect(resource(review, "terraform_data.quorum_wait").risk).toBeUndefined();
    expect(review.attention.map((r) => r.address)).toEqual(["terraform_data.qdevice"]);
    expect(resource(review, "terraform_data.qdevice").consequences.join(" ")).toMatch(/QDevice vote/);
  });
});

describe("reviewing bpg/proxmox plans (hand-written bpg-* fixtures)", () => {
  it("explains a VM replaced by a new disk image: disks recreated, data lost", () => {
    const db1 = resource(reviewFixture("bpg-vm-disk-replace"), "proxmox_virtual_environment_vm.db1");
    expect(db1.replacePaths).toEqual(["disk[0].file_id"]);
    expect(db1.attributes.find((a) => a.path === "disk[0].file_id")).toMatchObject({ forcesReplacement: true });
    expect(db1.consequences).toEqual([
      "The VM is destroyed and created again: its disks are recreated, so data on them is lost unless backed up.",
    ]);
    expect(db1.label).toBe('VM 110 "db1" on pve1');
  });

  it("tells a live migration (migrate = true, an update) from a re-creation on another node", () => {
    const review = reviewFixture("bpg-vm-node-change");
    const web1 = resource(review, "proxmox_virtual_environment_vm.web1");
    expect(web1).toMatchObject({ action: "update", risk: "disruptive", label: 'VM 101 "web1" on pve1 → pve2' });
    expect(web1.consequences[0]).toMatch(/^Live migration from pve1 to pve2/);
    const web2 = resource(review, "proxmox_virtual_environment_vm.web2");
    expect(web2).toMatchObject({ action: "replace", risk: "destructive" });
    expect(web2.consequences[0]).toMatch(/re-creates it, because migrate is not set/);
  });

  it("calls a deleted Ceph pool data loss, and a min_size change a risk to I/O", () => {
    const review = reviewFixture("bpg-ceph-pool-delete");
    expect(resource(review, "proxmox_ceph_pool.scratch").consequences[0]).toMatch(/^Ceph pool "scratch" and every object in it are deleted: data loss/);
    const vmdata = resource(review, "proxmox_ceph_pool.vmdata");
    expect(vmdata.risk).toBe("disruptive");
    expect(vmdata.consequences[0]).toMatch(/`min_size`.*\(P2, P3\)/);
  });

  it("calls a deleted storage data loss, also from OpenTofu", () => {
    const review = reviewFixture("bpg-storage-delete");
    expect(review.terraformVersion).toBe("1.8.5");
    expect(resource(review, "proxmox_virtual_environment_storage_nfs.backups").consequences[0]).toMatch(/Treat it as data loss/);
    expect(resource(review, "proxmox_virtual_environment_storage_lvmthin.local_lvm").risk).toBe("disruptive");
  });

  it("explains HA changes: a stopped resource, a removed one, a rule replaced before destroy", () => {
    const review = reviewFixture("bpg-ha-change");
    expect(resource(review, "proxmox_virtual_environment_haresource.web1").consequences).toEqual([
      "HA state started → stopped: the HA manager shuts vm:101 down and keeps it stopped.",
    ]);
    expect(resource(review, "proxmox_virtual_environment_haresource.web2").consequences[0]).toMatch(/no longer managed by HA/);
    const rule = resource(review, "proxmox_virtual_environment_harule.web_spread");
    expect(rule).toMatchObject({ action: "replace", actions: ["create", "delete"], replacePaths: ["type"], domain: "ha" });
  });

  it("masks sensitive values and shows unknown ones as known after apply", () => {
    const review = reviewFixture("bpg-sensitive-unknown");
    const app1 = resource(review, "proxmox_virtual_environment_vm.app1");
    const byPath = Object.fromEntries(app1.attributes.map((a) => [a.path, a]));
    expect(byPath["initialization[0].user_account[0].password"]).toMatchObject({ before: { kind: "sensitive" }, after: { kind: "sensitive" } });
    expect(byPath["network_device[0].mac_address"]).toMatchObject({ after: { kind: "unknown" } });
    expect(byPath["ipv4_addresses"]).toMatchObject({ after: { kind: "unknown" } });
    expect(JSON.stringify(review)).not.toMatch(/horse-battery/);
  });

  it("warns that a deleted template breaks its linked clones, naming them", () => {
    const tpl = resource(reviewFixture("bpg-template-delete"), "proxmox_virtual_environment_vm.ubuntu_2404");
    expect(tpl.domain).toBe("images");
    expect(tpl.consequences[0]).toMatch(/^Template 9000 is deleted.*\(T1\)/);
    expect(tpl.consequences[1]).toBe(
      "Clones of it in this configuration: `proxmox_virtual_environment_vm.web1` (full clone), `proxmox_virtual_environment_vm.web2` (linked clone).",
    );
  });

  it("flags network edits on interfaces that carry a node address (B6)", () => {
    const review = reviewFixture("bpg-network-mgmt");
    const vmbr0 = resource(review, "proxmox_network_linux_bridge.pve1_vmbr0");
    expect(vmbr0.risk).toBe("disruptive");
    expect(vmbr0.consequences[0]).toMatch(/gateway 192\.168\.10\.1.*cuts the node off.*\(B6\)/);
    expect(resource(review, "proxmox_network_linux_vlan.pve2_eno2_10").action).toBe("replace");
  });

  it("counts reads and imports, lists drift, and explains a VM moved back after HA moved it", () => {
    const review = reviewFixture("bpg-import-drift");
    expect(review.counts).toMatchObject({ read: 1, import: 1, "no-op": 1, update: 1 });
    expect(review.drift).toEqual(["proxmox_virtual_environment_vm.web1"]);
    expect(resource(review, "proxmox_virtual_environment_storage_directory.local")).toMatchObject({ importing: true, action: "no-op" });
    const web1 = resource(review, "proxmox_virtual_environment_vm.web1");
    expect(web1.consequences).toContain("The VM is shut down (`started`: true → false).");
    expect(web1.consequences.join(" ")).toMatch(/moved from pve1 to pve2 outside Terraform.*H8/);
  });
});

describe("actionOf", () => {
  it("maps Terraform's action lists to one word, both replacement orders included", () => {
    expect(actionOf(["delete", "create"])).toEqual({ action: "replace", keepsOldObject: false });
    expect(actionOf(["create", "delete"])).toEqual({ action: "replace", keepsOldObject: false });
    expect(actionOf(["create", "forget"])).toEqual({ action: "replace", keepsOldObject: true });
    expect(actionOf(["no-op"]).action).toBe("no-op");
  });

  it("reads an unknown future combination as the most destructive action it names", () => {
    expect(actionOf(["delete", "something-new"]).action).toBe("delete");
    expect(actionOf(["something-new"]).action).toBe("update");
  });
});

describe("parsePlanBytes", () => {
  const { parsePlanBytes, PlanInputError } = jest.requireActual("../../lib/plan/plan-json") as typeof import("../../lib/plan/plan-json");

  it("reads a plan from its UTF-8 bytes, non-ASCII values included", () => {
    const plan = {
      format_version: "1.2",
      planned_values: { note: "skipped: ü ☕" },
      resource_changes: [
        {
          address: "proxmox_virtual_environment_vm.web",
          type: "proxmox_virtual_environment_vm",
          name: "web",
          change: { actions: ["update"], before: { description: "Café" }, after: { description: "Café ☕" } },
        },
      ],
    };
    const parsed = parsePlanBytes(Buffer.from(JSON.stringify(plan), "utf8"));
    expect(parsed.resource_changes?.[0].change.after).toEqual({ description: "Café ☕" });
  });

  it("recognises a binary plan file by its zip signature", () => {
    expect(() => parsePlanBytes(Buffer.from("PK\u0003\u0004rest", "latin1"))).toThrow(PlanInputError);
    expect(() => parsePlanBytes(Buffer.from("PK\u0003\u0004rest", "latin1"))).toThrow(/binary plan file/);
  });
});
