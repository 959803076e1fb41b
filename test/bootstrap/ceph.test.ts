import {
  cephCrushRuleScript,
  cephFsScript,
  cephHealthWaitScript,
  cephInitScript,
  cephInstallScript,
  cephMdsScript,
  cephMgrScript,
  cephMonScript,
  cephOsdScript,
} from "../../lib/bootstrap";
import { ODD_DEVICE } from "./catalog";
import { FakeNode, changingCalls, runTwice } from "./fake-node";

let node: FakeNode;
afterEach(() => node?.remove());

/** A node where Ceph is installed and initialised. */
function cephNode(hostname = "pve1"): FakeNode {
  const n = new FakeNode({ hostname });
  expect(n.run(cephInstallScript({ repository: "no-subscription" })).status).toBe(0);
  expect(n.run(cephInitScript({ publicNetwork: "10.0.20.0/24" })).status).toBe(0);
  return n;
}

describe("cephInstallScript", () => {
  test("installs with an explicit version, non-interactively, then finds the daemons installed", () => {
    node = new FakeNode();
    const [first, second] = runTwice(node, cephInstallScript({ repository: "no-subscription", version: "squid" }), [
      ["pveceph", "install", "--repository", "no-subscription", "--version", "squid"],
    ]);
    // pveceph only prompts when its stdout is a terminal; apt reads its answer from stdin.
    expect(node.readState("install-stdout")).toBe("pipe\n");
    expect(node.readState("install-answer")).toBe("");
    expect(first.stdout).toContain("pvecdk: ceph-install: installing Ceph squid from the no-subscription repository");
    expect(second.stdout).toContain("pvecdk: ceph-install: already done: ceph version 19.2.3");
  });

  test("defaults: enterprise repository, squid; the client tools of a stock node do not count as installed", () => {
    node = new FakeNode();
    const r = node.run(cephInstallScript());
    expect(r.status).toBe(0);
    expect(changingCalls(r.calls)).toEqual([["pveceph", "install", "--repository", "enterprise", "--version", "squid"]]);
  });

  test("passes --allow-experimental only when asked", () => {
    node = new FakeNode();
    runTwice(node, cephInstallScript({ repository: "test", version: "tentacle", allowExperimental: true }), [
      ["pveceph", "install", "--repository", "test", "--version", "tentacle", "--allow-experimental", "1"],
    ]);
  });

  test("another installed release is an error: upgrades are manual", () => {
    node = new FakeNode();
    node.run(cephInstallScript({ version: "reef" }));
    const r = node.run(cephInstallScript({ version: "squid" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^pvecdk: ceph-install: error: Ceph is installed but is not release squid \('ceph version .* reef \(stable\)'\)/);
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("an unfinished installation (pveceph's flag file present) is installed again", () => {
    node = new FakeNode();
    node.run(cephInstallScript());
    node.writeFile("run/pve-ceph-install-flag", "");
    const r = node.run(cephInstallScript());
    expect(changingCalls(r.calls)).toEqual([["pveceph", "install", "--repository", "enterprise", "--version", "squid"]]);
  });

  test("rejects an unknown repository or a malformed version", () => {
    expect(() => cephInstallScript({ repository: "community" as never })).toThrow(
      'cephInstallScript: repository "community" must be one of enterprise, no-subscription, test, manual',
    );
    expect(() => cephInstallScript({ version: "19.2" })).toThrow('cephInstallScript: version "19.2" is not a Ceph release code name');
  });
});

describe("cephInitScript", () => {
  test("initialises with public and cluster networks, then finds the same networks in ceph.conf", () => {
    node = new FakeNode();
    runTwice(node, cephInitScript({ publicNetwork: "10.0.20.0/24", clusterNetwork: "10.0.30.0/24" }), [
      ["pveceph", "init", "--network", "10.0.20.0/24", "--cluster-network", "10.0.30.0/24"],
    ]);
  });

  test("without a cluster network, Ceph's cluster network is the public one", () => {
    node = new FakeNode();
    runTwice(node, cephInitScript({ publicNetwork: "10.0.20.0/24" }), [["pveceph", "init", "--network", "10.0.20.0/24"]]);
  });

  test("CIDRs are passed in canonical network form", () => {
    node = new FakeNode();
    runTwice(node, cephInitScript({ publicNetwork: "10.0.20.7/24", clusterNetwork: "fd00:30:0:0::1/64" }), [
      ["pveceph", "init", "--network", "10.0.20.0/24", "--cluster-network", "fd00:30::/64"],
    ]);
  });

  test("Ceph initialised with other networks is an error", () => {
    node = new FakeNode();
    node.writeFile("etc/pve/ceph.conf", "[global]\n\t public network = 10.9.0.0/16\n\t cluster_network = 10.9.0.0/16\n");
    const r = node.run(cephInitScript({ publicNetwork: "10.0.20.0/24" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "pvecdk: ceph-init: error: Ceph is already initialised with public network '10.9.0.0/16' and cluster network '10.9.0.0/16', not '10.0.20.0/24' and '10.0.20.0/24'; pvecdk does not move Ceph networks\n",
    );
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("rejects a value that is not a CIDR", () => {
    expect(() => cephInitScript({ publicNetwork: "10.0.20.0" })).toThrow('cephInitScript: publicNetwork "10.0.20.0" is not a CIDR');
    expect(() => cephInitScript({ publicNetwork: "10.0.20.0/24", clusterNetwork: "10.0.30.0/24\n" })).toThrow("must not contain newlines");
  });
});

describe("MON, MGR and MDS", () => {
  test("cephMonScript creates the monitor with its address, then finds its data directory", () => {
    node = cephNode("pve1.lab.example");
    runTwice(node, cephMonScript({ monAddress: "10.0.20.11", nodeName: "pve1" }), [["pveceph", "mon", "create", "--mon-address", "10.0.20.11"]]);
    expect(node.exists("var/lib/ceph/mon/ceph-pve1")).toBe(true);
  });

  test("cephMgrScript creates the manager once", () => {
    node = cephNode();
    runTwice(node, cephMgrScript({ nodeName: "pve1" }), [["pveceph", "mgr", "create"]]);
  });

  test("cephMdsScript creates the metadata server once, as hot standby when asked", () => {
    node = cephNode();
    runTwice(node, cephMdsScript({ nodeName: "pve1", hotStandby: true }), [["pveceph", "mds", "create", "--hotstandby", "1"]]);
  });

  test("a daemon step refuses to run on another node", () => {
    node = cephNode("pve2");
    const r = node.run(cephMonScript({ monAddress: "10.0.20.11", nodeName: "pve1" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pvecdk: ceph-mon: error: this step is meant for node pve1 but runs on pve2\n");
  });

  test("a daemon step needs ceph-init first", () => {
    node = new FakeNode();
    const r = node.run(cephMgrScript({ nodeName: "pve1" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pvecdk: ceph-mgr: error: Ceph is not initialised (no /etc/pve/ceph.conf); run the ceph-init step first\n");
  });

  test("fails when pveceph returns but the data directory is missing", () => {
    node = cephNode();
    const r = node.run(cephMonScript({ monAddress: "10.0.20.11", nodeName: "pve1" }), { FAKE_NOOP: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "pvecdk: ceph-mon: error: pveceph mon create --mon-address 10.0.20.11 returned, but the monitor data directory does not exist\n",
    );
  });

  test("rejects a host name as monitor address and numeric-only MDS names", () => {
    expect(() => cephMonScript({ monAddress: "pve1", nodeName: "pve1" })).toThrow('cephMonScript: monAddress "pve1" is not an IP address');
    expect(() => cephMdsScript({ nodeName: "42" })).toThrow("Ceph refuses numeric-only MDS IDs");
  });
});

describe("cephOsdScript", () => {
  test("creates the OSD with class and DB device, then finds it with ceph-volume", () => {
    node = cephNode();
    const [first, second] = runTwice(node, cephOsdScript({ device: "/dev/sdb", deviceClass: "ssd", dbDevice: "/dev/nvme0n1" }), [
      ["pveceph", "osd", "create", "/dev/sdb", "--crush-device-class", "ssd", "--db_dev", "/dev/nvme0n1"],
    ]);
    expect(first.calls).toContainEqual(["ceph-volume", "lvm", "list", "--format", "json", "/dev/sdb"]);
    expect(second.calls).toEqual([["ceph-volume", "lvm", "list", "--format", "json", "/dev/sdb"]]);
  });

  test("an odd but valid device path reaches pveceph exactly, quotes and $() included", () => {
    node = cephNode();
    runTwice(node, cephOsdScript({ device: ODD_DEVICE }), [["pveceph", "osd", "create", ODD_DEVICE]]);
  });

  test("fails when pveceph returns but no OSD shows up", () => {
    node = cephNode();
    const r = node.run(cephOsdScript({ device: "/dev/sdb" }), { FAKE_NOOP: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pvecdk: ceph-osd: error: pveceph osd create returned, but ceph-volume shows no OSD on /dev/sdb\n");
  });

  test.each([
    [{ device: "sdb" }, 'cephOsdScript: device "sdb" must be a device path starting with /dev/'],
    [{ device: "/dev/../etc/passwd" }, "must not contain '..' segments"],
    [{ device: "/dev/sdb\n/dev/sdc" }, "must not contain newlines"],
    [{ device: "/dev/sdb", deviceClass: "fast disks" }, 'cephOsdScript: deviceClass "fast disks" is not a plain name'],
    [{ device: "/dev/sdb", dbDevice: "/dev/sdb" }, "dbDevice must differ from device"],
  ])("rejects bad input %#", (options, message) => {
    expect(() => cephOsdScript(options)).toThrow(message);
  });
});

describe("cephCrushRuleScript", () => {
  test("adds the rule once; an existing rule of that name counts as done", () => {
    node = cephNode();
    const [, second] = runTwice(node, cephCrushRuleScript({ ruleName: "fast", deviceClass: "nvme", failureDomain: "host" }), [
      ["ceph", "--connect-timeout", "60", "osd", "crush", "rule", "create-replicated", "fast", "default", "host", "nvme"],
    ]);
    expect(second.calls).toEqual([["ceph", "--connect-timeout", "60", "osd", "crush", "rule", "ls"]]);
  });

  test("a rule whose name only contains the wanted name does not count", () => {
    node = cephNode();
    node.setState("crush-rules", "fast-old\n");
    const r = node.run(cephCrushRuleScript({ ruleName: "fast", deviceClass: "nvme", failureDomain: "rack", root: "site-a" }));
    expect(changingCalls(r.calls)).toEqual([
      ["ceph", "--connect-timeout", "60", "osd", "crush", "rule", "create-replicated", "fast", "site-a", "rack", "nvme"],
    ]);
  });

  test("rejects an unknown failure domain", () => {
    expect(() => cephCrushRuleScript({ ruleName: "fast", deviceClass: "nvme", failureDomain: "hosts" })).toThrow(
      'cephCrushRuleScript: failureDomain "hosts" must be one of osd, host',
    );
  });
});

describe("cephFsScript", () => {
  test("creates the file system once, with storage when asked", () => {
    node = cephNode();
    runTwice(node, cephFsScript({ name: "cephfs", pgNum: 64, addStorage: true }), [
      ["pveceph", "fs", "create", "--name", "cephfs", "--pg_num", "64", "--add-storage", "1"],
    ]);
  });

  test("a Ceph error other than 'not found' stops the step instead of creating again", () => {
    node = cephNode();
    const s = cephFsScript();
    node.replaceTool("ceph", "echo 'error connecting to the cluster' >&2\nexit 110\n");
    const r = node.run(s);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "pvecdk: ceph-fs: error: could not ask Ceph about CephFS cephfs (ceph exited with 110); is Ceph reachable from this node?\n",
    );
    expect(changingCalls(r.calls)).toEqual([]);
  });
});

describe("cephHealthWaitScript", () => {
  test("waits through HEALTH_WARN for HEALTH_OK by default", () => {
    node = cephNode();
    node.setState("health", "HEALTH_WARN OSD count 0 < osd_pool_default_size 3\nHEALTH_OK\n");
    const r = node.run(cephHealthWaitScript());
    expect(r.status).toBe(0);
    expect(r.calls.filter((c) => c[0] === "ceph")).toEqual([
      ["ceph", "--connect-timeout", "10", "health"],
      ["ceph", "--connect-timeout", "10", "health"],
    ]);
    expect(changingCalls(r.calls)).toEqual([]);
    expect(r.stdout).toContain("pvecdk: ceph-health-wait: done: HEALTH_OK");
  });

  test("accepts HEALTH_WARN when allowed, never HEALTH_ERR", () => {
    node = cephNode();
    node.setState("health", "HEALTH_ERR 1 mon down\nHEALTH_WARN OSD count 0 < osd_pool_default_size 3\n");
    const r = node.run(cephHealthWaitScript({ allowWarn: true }));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("waiting for Ceph health (attempt 1 of 60): HEALTH_ERR 1 mon down");
    expect(r.stdout).toContain("pvecdk: ceph-health-wait: done: HEALTH_WARN");
  });

  test("times out with the last answer", () => {
    node = cephNode();
    node.setState("health", "HEALTH_WARN clock skew\n");
    const r = node.run(cephHealthWaitScript({ timeoutSeconds: 20 }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pvecdk: ceph-health-wait: error: Ceph did not report HEALTH_OK within 20 seconds; last answer: HEALTH_WARN clock skew\n");
  });
});
