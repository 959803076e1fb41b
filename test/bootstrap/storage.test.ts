import { rbdStorageScript } from "../../lib/bootstrap";
import { ODD_POOL } from "./catalog";
import { FakeNode, changingCalls, runTwice } from "./fake-node";

let node: FakeNode;
afterEach(() => node?.remove());

/** storage.cfg of a fresh PVE node. */
const STOCK_STORAGE_CFG = "dir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl,backup\n\nlvmthin: local-lvm\n\tthinpool data\n\tvgname pve\n\tcontent rootdir,images\n\n";

describe("rbdStorageScript", () => {
  test("adds the storage with every option, then finds the rbd section for the same pool", () => {
    node = new FakeNode();
    node.writeFile("etc/pve/storage.cfg", STOCK_STORAGE_CFG);
    const [, second] = runTwice(
      node,
      rbdStorageScript({ storageId: "ceph-vm", pool: "vmdata", content: ["images", "rootdir"], krbd: true, nodes: ["pve1", "pve2"] }),
      [["pvesm", "add", "rbd", "ceph-vm", "--pool", "vmdata", "--content", "images,rootdir", "--krbd", "1", "--nodes", "pve1,pve2"]],
    );
    expect(second.stdout).toBe("pvecdk: rbd-storage: already done: storage ceph-vm uses pool vmdata\n");
  });

  test("krbd off and all nodes: neither option is passed", () => {
    node = new FakeNode();
    runTwice(node, rbdStorageScript({ storageId: "ceph-ct", pool: "ct", content: ["rootdir"] }), [
      ["pvesm", "add", "rbd", "ceph-ct", "--pool", "ct", "--content", "rootdir"],
    ]);
  });

  test("an odd pool name reaches pvesm exactly and is recognised on the second run", () => {
    node = new FakeNode();
    runTwice(node, rbdStorageScript({ storageId: "ceph-vm", pool: ODD_POOL, content: ["images"] }), [
      ["pvesm", "add", "rbd", "ceph-vm", "--pool", ODD_POOL, "--content", "images"],
    ]);
  });

  test("the same ID with another storage type is an error", () => {
    node = new FakeNode();
    node.writeFile("etc/pve/storage.cfg", STOCK_STORAGE_CFG);
    const r = node.run(rbdStorageScript({ storageId: "local-lvm", pool: "vmdata", content: ["images"] }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pvecdk: rbd-storage: error: storage local-lvm already exists with type lvmthin, not rbd\n");
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("an existing rbd storage on another pool is an error (no pool line means pool 'rbd')", () => {
    node = new FakeNode();
    node.writeFile("etc/pve/storage.cfg", STOCK_STORAGE_CFG + "rbd: ceph-vm\n\tcontent images\n\n");
    const r = node.run(rbdStorageScript({ storageId: "ceph-vm", pool: "vmdata", content: ["images"] }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "pvecdk: rbd-storage: error: storage ceph-vm already uses pool 'rbd', not 'vmdata'; pvecdk does not repoint existing storages\n",
    );
  });

  test("other differences are reported as warnings and left alone", () => {
    node = new FakeNode();
    node.writeFile("etc/pve/storage.cfg", "rbd: ceph-vm\n\tcontent rootdir,images\n\tkrbd 1\n\tnodes pve2,pve1\n\tpool vmdata\n\n");
    const same = node.run(rbdStorageScript({ storageId: "ceph-vm", pool: "vmdata", content: ["images", "rootdir"], krbd: true, nodes: ["pve1", "pve2"] }));
    expect(same.stdout).toBe("pvecdk: rbd-storage: already done: storage ceph-vm uses pool vmdata\n");

    const r = node.run(rbdStorageScript({ storageId: "ceph-vm", pool: "vmdata", content: ["images"] }));
    expect(r.status).toBe(0);
    expect(changingCalls(r.calls)).toEqual([]);
    expect(r.stdout.split("\n")).toEqual([
      "pvecdk: rbd-storage: warning: storage ceph-vm holds content 'rootdir,images' but the spec says 'images'; left unchanged",
      "pvecdk: rbd-storage: warning: storage ceph-vm has krbd '1' but the spec says '0'; left unchanged",
      "pvecdk: rbd-storage: warning: storage ceph-vm is limited to nodes 'pve2,pve1' but the spec says '' (empty means all); left unchanged",
      "pvecdk: rbd-storage: already done: storage ceph-vm uses pool vmdata",
      "",
    ]);
  });

  test("an ID that is only a prefix of an existing one does not count", () => {
    node = new FakeNode();
    node.writeFile("etc/pve/storage.cfg", "rbd: ceph-vm-old\n\tpool vmdata\n\n");
    const r = node.run(rbdStorageScript({ storageId: "ceph-vm", pool: "vmdata", content: ["images"] }));
    expect(changingCalls(r.calls)).toEqual([["pvesm", "add", "rbd", "ceph-vm", "--pool", "vmdata", "--content", "images"]]);
  });

  test("fails when pvesm returns but storage.cfg has no such storage", () => {
    node = new FakeNode();
    const r = node.run(rbdStorageScript({ storageId: "ceph-vm", pool: "vmdata", content: ["images"] }), { FAKE_NOOP: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pvecdk: rbd-storage: error: pvesm add returned, but storage.cfg has no rbd storage ceph-vm\n");
  });

  test.each([
    [{ storageId: "Ceph VM", pool: "p", content: ["images"] }, 'rbdStorageScript: storageId "Ceph VM" is not a valid storage ID'],
    [{ storageId: "ceph-vm", pool: "a/b", content: ["images"] }, 'rbdStorageScript: pool "a/b" is not a valid Ceph name'],
    [{ storageId: "ceph-vm", pool: "--force", content: ["images"] }, "must not start with '-'"],
    [{ storageId: "ceph-vm", pool: "p", content: ["iso"] }, 'rbdStorageScript: content[0] "iso" is not a content type RBD can hold'],
    [{ storageId: "ceph-vm", pool: "p", content: [] }, "content must list at least one of images, rootdir"],
    [{ storageId: "ceph-vm", pool: "p", content: ["images"], nodes: ["pve1,pve2"] }, 'nodes[0] "pve1,pve2" is not a valid node name'],
    [{ storageId: "ceph-vm", pool: "p\nq", content: ["images"] }, "must not contain newlines"],
  ])("rejects bad input %#", (options, message) => {
    expect(() => rbdStorageScript(options)).toThrow(message);
  });
});
