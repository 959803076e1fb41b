import { cloneSourceIsTemplate } from "../../../lib/rules/guests/clone-source-is-template";
import { linkedCloneTargetStorage } from "../../../lib/rules/guests/linked-clone-target-storage";
import { cloneAcrossNodesShared } from "../../../lib/rules/guests/clone-across-nodes-shared";
import { templateImageImport } from "../../../lib/rules/guests/template-image-import";
import { cloneIdentityNote } from "../../../lib/rules/guests/clone-identity-note";
import { cloudImageChecksum } from "../../../lib/rules/guests/cloud-image-checksum";
import { error, findingsAfter, info, run, warning } from "./helpers";

describe("T1 clone source is a template", () => {
  const rule = cloneSourceIsTemplate;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports an undeclared template and a VM used as template", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].template = "debian-12"))).toEqual([error("T1", "/spec/vms/0/template")]);
    expect(findingsAfter(rule, (b) => (b.vms![1].template = "web1"))).toEqual([error("T1", "/spec/vms/1/template")]);
  });

  it("reports a linked clone without a template, accepts a VM built from scratch", () => {
    expect(findingsAfter(rule, (b) => b.vms!.push({ name: "db1", vmid: 103, node: "pve1", clone: "linked" }))).toEqual([error("T1", "/spec/vms/2/clone")]);
    expect(findingsAfter(rule, (b) => b.vms!.push({ name: "db1", vmid: 103, node: "pve1", disks: [{ storage: "ceph-vm", sizeGiB: 20 }] }))).toEqual([]);
  });
});

describe("T2 linked clone target storage", () => {
  const rule = linkedCloneTargetStorage;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports a linked clone that moves to another storage", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.vms![0].clone = "linked";
        b.vms![0].storage = "local-lvm";
      }),
    ).toEqual([error("T2", "/spec/vms/0/storage")]);
  });

  it("accepts a linked clone naming its template's own storage, and a full clone moving", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.vms![0].clone = "linked";
        b.vms![0].storage = "ceph-vm";
      }),
    ).toEqual([]);
    expect(findingsAfter(rule, (b) => (b.vms![0].storage = "local-lvm"))).toEqual([]);
  });
});

describe("T3 clones across nodes need shared storage", () => {
  const rule = cloneAcrossNodesShared;

  it("finds nothing on the baseline (template on Ceph, clones on pve1 and pve2)", () => expect(run(rule)).toEqual([]));

  it("reports a clone on another node than a template on local storage", () => {
    expect(findingsAfter(rule, (b) => (b.templates![0].storage = "local-lvm"))).toEqual([error("T3", "/spec/vms/1/node")]);
  });

  it("reports a clone to another node onto non-shared storage", () => {
    expect(findingsAfter(rule, (b) => (b.vms![1].storage = "local-lvm"))).toEqual([error("T3", "/spec/vms/1/storage")]);
  });

  it("accepts local storage for a clone on the template's node", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].storage = "local-lvm"))).toEqual([]);
    expect(
      findingsAfter(rule, (b) => {
        b.templates![0].storage = "local-lvm";
        b.vms![1].node = "pve1";
      }),
    ).toEqual([]);
  });
});

describe("T4 cloud image import", () => {
  const rule = templateImageImport;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports a template built from an undeclared image", () => {
    expect(findingsAfter(rule, (b) => (b.templates![0].image = "jammy"))).toEqual([error("T4", "/spec/templates/0/image")]);
  });

  it("reports a download to a storage that takes neither import nor iso content", () => {
    expect(findingsAfter(rule, (b) => (b.images![0].storage = "local-lvm"))).toEqual([error("T4", "/spec/images/0/storage")]);
    expect(findingsAfter(rule, (b) => (b.images![0].storage = "nowhere"))).toEqual([error("T4", "/spec/images/0/storage")]);
  });

  it("reports an image node outside the cluster, and a storage missing on the image's node", () => {
    expect(findingsAfter(rule, (b) => (b.images![0].node = "pve9"))).toEqual([error("T4", "/spec/images/0/node")]);
    expect(findingsAfter(rule, (b) => (b.storages![0].nodes = ["pve2", "pve3"]))).toEqual([error("T4", "/spec/images/0/storage")]);
  });

  it("reports a template on another node than its locally stored image", () => {
    expect(findingsAfter(rule, (b) => (b.templates![0].node = "pve2"))).toEqual([error("T4", "/spec/templates/0/node")]);
    expect(
      findingsAfter(rule, (b) => {
        b.templates![0].node = "pve2";
        b.images![0].node = "pve2";
      }),
    ).toEqual([]);
  });
});

describe("T5 clone identity note", () => {
  const rule = cloneIdentityNote;

  it("notes once per template with clones", () => expect(findingsAfter(rule, () => undefined)).toEqual([info("T5", "/spec/templates/0")]));

  it("is silent when nothing is cloned", () => {
    expect(
      findingsAfter(rule, (b) => {
        for (const vm of b.vms!) delete vm.template;
      }),
    ).toEqual([]);
  });
});

describe("T6 cloud image checksum (pvecdk)", () => {
  const rule = cloudImageChecksum;

  it("finds nothing on the baseline (sha256 pinned)", () => expect(run(rule)).toEqual([]));

  it("warns about an image without checksum", () => {
    expect(findingsAfter(rule, (b) => delete b.images![0].checksum)).toEqual([warning("T6", "/spec/images/0")]);
  });

  it("rejects a checksum that does not fit its algorithm", () => {
    expect(findingsAfter(rule, (b) => (b.images![0].checksumAlgorithm = "sha512"))).toEqual([error("T6", "/spec/images/0/checksum")]);
    expect(
      findingsAfter(rule, (b) => {
        b.images![0].checksumAlgorithm = "sha512";
        b.images![0].checksum = "ab".repeat(64);
      }),
    ).toEqual([]);
  });
});
