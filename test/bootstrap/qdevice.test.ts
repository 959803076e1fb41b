import { clusterCreateScript, qdeviceClientInstallScript, qdeviceScript, qnetdInstallScript } from "../../lib/bootstrap";
import { FakeNode, changingCalls, runTwice } from "./fake-node";

let node: FakeNode;
afterEach(() => node?.remove());

/** A node that already created cluster "lab". */
function clusteredNode(): FakeNode {
  const n = new FakeNode();
  expect(n.run(clusterCreateScript({ clusterName: "lab", links: [{ link: 0, address: "10.0.10.11" }] })).status).toBe(0);
  return n;
}

describe("qdeviceScript", () => {
  test("sets up the QDevice after checking key login to the qnetd host, then finds it in corosync.conf", () => {
    node = clusteredNode();
    const [first] = runTwice(node, qdeviceScript({ qnetdHost: "10.0.99.5", network: "10.0.99.0/24" }), [
      ["pvecm", "qdevice", "setup", "10.0.99.5", "--network", "10.0.99.0/24"],
    ]);
    expect(first.calls).toContainEqual(["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "root@10.0.99.5", "true"]);
    expect(node.readFile("etc/pve/corosync.conf")).toContain("host: 10.0.99.5");
  });

  test("a QDevice on another host is an error: it must be removed first", () => {
    node = clusteredNode();
    node.run(qdeviceScript({ qnetdHost: "10.0.99.5" }));
    const r = node.run(qdeviceScript({ qnetdHost: "10.0.99.6" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "pvecdk: qdevice: error: the cluster already uses a QDevice on 10.0.99.5; remove it with 'pvecm qdevice remove' before switching to 10.0.99.6\n",
    );
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("needs a cluster first", () => {
    node = new FakeNode();
    const r = node.run(qdeviceScript({ qnetdHost: "10.0.99.5" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("this node is not in a cluster (no /etc/pve/corosync.conf)");
  });

  test("fails before pvecm when root cannot log in to the qnetd host with its key", () => {
    node = clusteredNode();
    const r = node.run(qdeviceScript({ qnetdHost: "10.0.99.5" }), { FAKE_SSH_EXIT: "255" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("cannot log in to root@10.0.99.5 over SSH without a password");
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("fails when pvecm returns but corosync.conf names no QDevice", () => {
    node = clusteredNode();
    const r = node.run(qdeviceScript({ qnetdHost: "10.0.99.5" }), { FAKE_NOOP: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("pvecm qdevice setup returned, but corosync.conf does not name 10.0.99.5 as the QDevice");
  });

  test("pvecm accepts only an IP for the QDevice host", () => {
    expect(() => qdeviceScript({ qnetdHost: "qnetd.lab.example" })).toThrow('qdeviceScript: qnetdHost "qnetd.lab.example" is not an IP address');
  });
});

describe("package installs for the QDevice", () => {
  test("qdeviceClientInstallScript installs corosync-qdevice once", () => {
    node = new FakeNode();
    runTwice(node, qdeviceClientInstallScript(), [
      ["apt-get", "-q", "update"],
      ["apt-get", "-q", "-y", "install", "corosync-qdevice"],
    ]);
  });

  test("qnetdInstallScript installs corosync-qnetd once", () => {
    node = new FakeNode();
    const [, second] = runTwice(node, qnetdInstallScript(), [
      ["apt-get", "-q", "update"],
      ["apt-get", "-q", "-y", "install", "corosync-qnetd"],
    ]);
    expect(second.calls).toEqual([["dpkg-query", "-W", "-f=${Status}", "corosync-qnetd"]]);
  });
});
