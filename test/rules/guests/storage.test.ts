import { sharedFlagOnLocalStorage } from "../../../lib/rules/guests/shared-flag-on-local-storage";
import { guestStorageAvailable } from "../../../lib/rules/guests/guest-storage-available";
import { externalCephStorage } from "../../../lib/rules/guests/external-ceph-storage";
import { storageIdUnique } from "../../../lib/rules/guests/storage-id-unique";
import { storageContentTypes } from "../../../lib/rules/guests/storage-content-types";
import { Body, error, findingsAfter, run, warning } from "./helpers";

describe("S2 shared flag on local storage", () => {
  const rule = sharedFlagOnLocalStorage;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error on a zfspool, whose data never leaves its node", () => {
    expect(
      findingsAfter(rule, (b) => b.storages!.push({ id: "tank", type: "zfspool", zfsPool: "tank", content: ["images"], shared: true })),
    ).toEqual([error("S2", "/spec/storages/2/shared")]);
  });

  it("only warns on lvm, which may sit on a LUN every node sees", () => {
    expect(
      findingsAfter(rule, (b) => b.storages!.push({ id: "san", type: "lvm", vgName: "san", content: ["images"], shared: true })),
    ).toEqual([warning("S2", "/spec/storages/2/shared")]);
  });

  it("accepts the same zfspool without the flag, and the flag on nfs", () => {
    expect(findingsAfter(rule, (b) => b.storages!.push({ id: "tank", type: "zfspool", zfsPool: "tank", content: ["images"] }))).toEqual([]);
    expect(
      findingsAfter(rule, (b) => b.storages!.push({ id: "nas", type: "nfs", server: "10.0.50.5", export: "/vms", content: ["images"], shared: true })),
    ).toEqual([]);
  });
});

describe("S3 guest storage available", () => {
  const rule = guestStorageAvailable;

  it("finds nothing on the baseline (template and clones on the Ceph pool storage)", () => expect(run(rule)).toEqual([]));

  it("reports a disk on an undeclared storage", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].disks = [{ storage: "fast", sizeGiB: 10 }]))).toEqual([error("S3", "/spec/vms/0/disks/0/storage")]);
  });

  it("reports a disk on a storage without 'images' content", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].disks = [{ storage: "local", sizeGiB: 10 }]))).toEqual([error("S3", "/spec/vms/0/disks/0/storage")]);
    expect(
      findingsAfter(rule, (b) => {
        b.storages![0].content = [...b.storages![0].content, "images"];
        b.vms![0].disks = [{ storage: "local", sizeGiB: 10 }];
      }),
    ).toEqual([]);
  });

  it("reports storage missing on a node HA may move the guest to", () => {
    const findings = findingsAfter(rule, (b) => {
      b.storages![1].nodes = ["pve1", "pve2"];
      b.vms![0].disks = [{ storage: "local-lvm", sizeGiB: 10 }];
    });
    expect(findings).toEqual([error("S3", "/spec/vms/0/disks/0/storage")]);
  });

  it("accepts the same storage when it is defined on every node", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.storages![1].nodes = ["pve1", "pve2", "pve3"];
        b.vms![0].disks = [{ storage: "local-lvm", sizeGiB: 10 }];
      }),
    ).toEqual([]);
  });

  it("reports a clone on a node where its template's storage is missing, at the clone", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.storages!.push({ id: "nas", type: "nfs", server: "10.0.50.5", export: "/vms", content: ["images"], nodes: ["pve1", "pve2"] });
        b.templates![0].storage = "nas";
        for (const vm of b.vms!) delete vm.ha;
        b.vms![1].node = "pve3";
      }),
    ).toEqual([error("S3", "/spec/vms/1/template")]);
  });

  it("checks a VM without HA only on its own node", () => {
    const addVm = (node: string) => (b: Body) => {
      b.storages![1].nodes = ["pve1"];
      b.vms!.push({ name: "db1", vmid: 103, node, disks: [{ storage: "local-lvm", sizeGiB: 50 }] });
    };
    expect(findingsAfter(rule, addVm("pve2"))).toEqual([error("S3", "/spec/vms/2/disks/0/storage")]);
    expect(findingsAfter(rule, addVm("pve1"))).toEqual([]);
  });

  it("checks the cloud-init drive's own storage and a template's storage", () => {
    expect(findingsAfter(rule, (b) => (b.vms![1].cloudInit!.storage = "nowhere"))).toEqual([error("S3", "/spec/vms/1/cloudInit/storage")]);
    expect(findingsAfter(rule, (b) => (b.templates![0].storage = "local"))).toEqual([error("S3", "/spec/templates/0/storage")]);
  });
});

describe("S4 external Ceph storage settings", () => {
  const rule = externalCephStorage;

  it("finds nothing on the baseline (hyper-converged)", () => expect(run(rule)).toEqual([]));

  it("requires monitors for RBD storage when the spec runs no Ceph of its own", () => {
    expect(
      findingsAfter(rule, (b) => {
        delete b.ceph;
        b.storages!.push({ id: "ext", type: "rbd", pool: "vms", content: ["images"] });
      }),
    ).toEqual([error("S4", "/spec/storages/2")]);
    expect(
      findingsAfter(rule, (b) => {
        delete b.ceph;
        b.storages!.push({ id: "ext", type: "rbd", pool: "vms", content: ["images"], monhost: ["10.9.0.1", "10.9.0.2", "10.9.0.3"] });
      }),
    ).toEqual([]);
  });

  it("rejects RBD images on an erasure-coded pool, accepts it as dataPool", () => {
    const withEc = (storage: { pool: string; dataPool?: string }) => (b: Body) => {
      b.ceph!.pools!.push({ name: "ecdata", erasureCoding: { k: 2, m: 1 } });
      b.storages!.push({ id: "ec", type: "rbd", content: ["images"], ...storage });
    };
    expect(findingsAfter(rule, withEc({ pool: "ecdata" }))).toEqual([error("S4", "/spec/storages/2/pool")]);
    expect(findingsAfter(rule, withEc({ pool: "vmdata", dataPool: "ecdata" }))).toEqual([]);
  });

  it("warns when dataPool names a replicated pool", () => {
    expect(findingsAfter(rule, (b) => b.storages!.push({ id: "odd", type: "rbd", pool: "vmdata", dataPool: "vmdata", content: ["images"] }))).toEqual([
      warning("S4", "/spec/storages/2/dataPool"),
    ]);
  });
});

describe("S5 storage IDs unique", () => {
  const rule = storageIdUnique;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports a declared storage that repeats the pool-created one", () => {
    expect(findingsAfter(rule, (b) => b.storages!.push({ id: "ceph-vm", type: "rbd", pool: "vmdata", content: ["images"] }))).toEqual([
      error("S5", "/spec/ceph/pools/0/storage/id"),
    ]);
    expect(findingsAfter(rule, (b) => b.storages!.push({ id: "ceph-vm2", type: "rbd", pool: "vmdata", content: ["images"] }))).toEqual([]);
  });

  it("names the pool's storage block when its ID defaults to the pool name", () => {
    expect(findingsAfter(rule, (b) => b.ceph!.pools!.push({ name: "local", storage: {} }))).toEqual([error("S5", "/spec/ceph/pools/1/storage")]);
  });

  it("rejects IDs PVE cannot store", () => {
    expect(findingsAfter(rule, (b) => (b.storages![1].id = "1data"))).toEqual([error("S5", "/spec/storages/1/id")]);
    expect(findingsAfter(rule, (b) => (b.storages![1].id = "data_1.fast"))).toEqual([]);
  });
});

describe("S6 storage content types", () => {
  const rule = storageContentTypes;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("rejects ISO content on an lvmthin storage", () => {
    expect(findingsAfter(rule, (b) => (b.storages![1].content = ["images", "rootdir", "iso"]))).toEqual([error("S6", "/spec/storages/1/content/2")]);
  });

  it("rejects unknown content types and backups on a pool storage", () => {
    expect(findingsAfter(rule, (b) => (b.storages![0].content = ["iso", "vm"]))).toEqual([error("S6", "/spec/storages/0/content/1")]);
    expect(findingsAfter(rule, (b) => (b.ceph!.pools![0].storage!.content = ["images", "backup"]))).toEqual([
      error("S6", "/spec/ceph/pools/0/storage/content/1"),
    ]);
  });

  it("accepts every content type on a file-level storage", () => {
    expect(
      findingsAfter(rule, (b) => (b.storages![0].content = ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"])),
    ).toEqual([]);
  });
});
