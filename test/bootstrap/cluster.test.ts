import {
  BootstrapInputError,
  clusterCreateScript,
  clusterJoinScript,
  clusterQuorumWaitScript,
} from "../../lib/bootstrap";
import { FINGERPRINT } from "./catalog";
import { FakeNode, changingCalls, runTwice } from "./fake-node";

let node: FakeNode;
afterEach(() => node?.remove());

describe("clusterCreateScript", () => {
  test("creates the cluster with every link once, then finds it already done", () => {
    node = new FakeNode({ hostname: "pve1.lab.example" });
    const script = clusterCreateScript({
      clusterName: "lab",
      links: [
        { link: 1, address: "192.168.10.11", priority: 10 },
        { link: 0, address: "10.0.10.11", priority: 20 },
      ],
      nodeId: 1,
      tokenCoefficient: 125,
      nodeName: "pve1",
    });
    expect(script.step).toBe("cluster-create");
    const [first, second] = runTwice(node, script, [
      ["pvecm", "create", "lab", "--link0", "10.0.10.11,priority=20", "--link1", "192.168.10.11,priority=10", "--nodeid", "1", "--token-coefficient", "125"],
    ]);
    expect(first.stdout).toContain("pvecdk: cluster-create: creating cluster lab");
    expect(second.stdout).toContain("pvecdk: cluster-create: already done: this node belongs to cluster lab");
  });

  test("a link without priority is passed as a bare address", () => {
    node = new FakeNode();
    runTwice(node, clusterCreateScript({ clusterName: "lab", links: [{ link: 0, address: "fd00:10::11" }] }), [
      ["pvecm", "create", "lab", "--link0", "fd00:10::11"],
    ]);
  });

  test("a node already in another cluster is an error, not 'already done'", () => {
    node = new FakeNode();
    node.run(clusterCreateScript({ clusterName: "other", links: [{ link: 0, address: "10.0.10.11" }] }));
    const r = node.run(clusterCreateScript({ clusterName: "lab", links: [{ link: 0, address: "10.0.10.11" }] }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "pvecdk: cluster-create: error: this node already belongs to cluster 'other', not 'lab'; pvecdk never changes cluster membership\n",
    );
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("with nodeName, refuses to run on another host", () => {
    node = new FakeNode({ hostname: "pve2" });
    const r = node.run(clusterCreateScript({ clusterName: "lab", links: [{ link: 0, address: "10.0.10.11" }], nodeName: "pve1" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pvecdk: cluster-create: error: this step is meant for node pve1 but runs on pve2\n");
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("fails when pvecm reports success but left no corosync.conf", () => {
    node = new FakeNode();
    const r = node.run(clusterCreateScript({ clusterName: "lab", links: [{ link: 0, address: "10.0.10.11" }] }), { FAKE_NOOP: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("pvecm create returned, but /etc/pve/corosync.conf does not exist");
  });

  test.each([
    [{ clusterName: "lab\nrm -rf /", links: [{ link: 0, address: "10.0.10.11" }] }, 'clusterCreateScript: clusterName "lab\\nrm -rf /" must not contain newlines or other control characters'],
    [{ clusterName: "a-very-long-name-x", links: [{ link: 0, address: "10.0.10.11" }] }, "is longer than 15 characters"],
    [{ clusterName: "lab", links: [] }, "clusterCreateScript: links must name at least one corosync link"],
    [{ clusterName: "lab", links: [{ link: 8, address: "10.0.10.11" }] }, "links[0].link 8 must be between 0 and 7"],
    [{ clusterName: "lab", links: [{ link: 0, address: "10.0.10.11" }, { link: 0, address: "10.0.20.11" }] }, "links[1].link 0 is listed twice"],
    [{ clusterName: "lab", links: [{ link: 0, address: "10.0.10.11,priority=9" }] }, 'links[0].address "10.0.10.11,priority=9" is not an IP address or host name'],
    [{ clusterName: "lab", links: [{ link: 0, address: "10.0.10.11", priority: 256 }] }, "links[0].priority 256 must be between 0 and 255"],
  ])("rejects bad input %#", (options, message) => {
    expect(() => clusterCreateScript(options)).toThrow(BootstrapInputError);
    expect(() => clusterCreateScript(options)).toThrow(message);
  });
});

describe("clusterJoinScript", () => {
  const base = {
    clusterName: "lab",
    existingNode: "10.0.10.11",
    nodeName: "pve2",
    links: [
      { link: 1, address: "192.168.10.12", priority: 10 },
      { link: 0, address: "10.0.10.12", priority: 20 },
    ],
  };

  test("SSH join: checks key login first, passes every link (no priorities), then finds it already done", () => {
    node = new FakeNode({ hostname: "pve2.lab.example" });
    const [first] = runTwice(node, clusterJoinScript(base), [
      ["pvecm", "add", "10.0.10.11", "--link0", "10.0.10.12", "--link1", "192.168.10.12", "--use_ssh", "1"],
    ]);
    expect(first.calls).toContainEqual(["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "root@10.0.10.11", "true"]);
    expect(first.stdout).toContain("pvecdk: cluster-join: done: joined cluster lab");
  });

  test("SSH join fails fast, before pvecm, when key login to the existing node does not work", () => {
    node = new FakeNode({ hostname: "pve2" });
    const r = node.run(clusterJoinScript(base), { FAKE_SSH_EXIT: "255" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("root on pve2 cannot log in to root@10.0.10.11 over SSH without a password");
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("password join: the password reaches pvecm on stdin from PVECDK_JOIN_PASSWORD, never on a command line", () => {
    node = new FakeNode({ hostname: "pve2" });
    const password = "s3cret 'with' $(quotes) and spaces";
    const script = clusterJoinScript({ ...base, auth: { method: "password", fingerprint: FINGERPRINT } });
    expect(script.script).not.toContain("s3cret");
    const [first] = runTwice(
      node,
      script,
      [["pvecm", "add", "10.0.10.11", "--link0", "10.0.10.12", "--link1", "192.168.10.12", "--fingerprint", FINGERPRINT]],
      { PVECDK_JOIN_PASSWORD: password },
    );
    expect(node.readState("join-password")).toBe(password);
    expect(first.calls.flat().join(" ")).not.toContain("s3cret");
    expect(first.calls.map((c) => c[0])).not.toContain("ssh");
  });

  test("password join without PVECDK_JOIN_PASSWORD stops with a clear message", () => {
    node = new FakeNode({ hostname: "pve2" });
    const r = node.run(clusterJoinScript({ ...base, auth: { method: "password", fingerprint: FINGERPRINT } }));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "pvecdk: cluster-join: error: PVECDK_JOIN_PASSWORD is not set; the password join needs the root@pam password of 10.0.10.11 in that environment variable\n",
    );
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("refuses to run on a host other than the joining node", () => {
    node = new FakeNode({ hostname: "pve3" });
    const r = node.run(clusterJoinScript(base));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pvecdk: cluster-join: error: this step is meant for node pve2 but runs on pve3\n");
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("a node already in another cluster is an error", () => {
    node = new FakeNode({ hostname: "pve2", remoteCluster: "other" });
    node.run(clusterJoinScript({ ...base, clusterName: "other" }));
    const r = node.run(clusterJoinScript(base));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("this node already belongs to cluster 'other', not 'lab'");
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("a half-finished earlier join (authkey without corosync.conf) is reported, not retried", () => {
    node = new FakeNode({ hostname: "pve2" });
    node.writeFile("etc/corosync/authkey", "key");
    const r = node.run(clusterJoinScript(base));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("an earlier join stopped half-way");
    expect(changingCalls(r.calls)).toEqual([]);
  });

  test("fails when pvecm add returns but the cluster files never appear", () => {
    node = new FakeNode({ hostname: "pve2" });
    const r = node.run(clusterJoinScript(base), { FAKE_NOOP: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pvecdk: cluster-join: error: pvecm add returned, but /etc/pve/corosync.conf did not appear\n");
    expect(r.calls.filter((c) => c[0] === "sleep")).toHaveLength(14);
  });

  test.each([
    [{ ...base, existingNode: "10.0.10.11 --force" }, 'existingNode "10.0.10.11 --force" is not an IP address or host name'],
    [{ ...base, nodeName: "pve2\n" }, 'nodeName "pve2\\n" must not contain newlines'],
    [{ ...base, auth: { method: "password" as const, fingerprint: "AB:CD" } }, 'auth.fingerprint "AB:CD" is not a SHA-256 fingerprint'],
    [{ ...base, auth: { method: "token" } as never }, 'auth.method "token" must be one of ssh, password'],
  ])("rejects bad input %#", (options, message) => {
    expect(() => clusterJoinScript(options)).toThrow(message);
  });
});

describe("clusterQuorumWaitScript", () => {
  test("polls pvecm status until the cluster is quorate with the expected nodes, changing nothing", () => {
    node = new FakeNode();
    node.writeFile("etc/pve/corosync.conf", "totem {\n  cluster_name: lab\n}\n");
    node.setState("inquorate-polls", "2");
    node.setState("nodes", "3");
    const r = node.run(clusterQuorumWaitScript({ expectedNodes: 3 }));
    expect(r.status).toBe(0);
    expect(r.calls.filter((c) => c[0] === "pvecm")).toEqual([["pvecm", "status"], ["pvecm", "status"], ["pvecm", "status"]]);
    expect(r.calls.filter((c) => c[0] === "sleep")).toEqual([["sleep", "5"], ["sleep", "5"]]);
    expect(changingCalls(r.calls)).toEqual([]);
    expect(r.stdout).toContain("pvecdk: cluster-quorum-wait: done: the cluster is quorate with 3 node(s)");
  });

  test("gives up after the timeout with the last status in the message", () => {
    node = new FakeNode();
    node.writeFile("etc/pve/corosync.conf", "totem {\n  cluster_name: lab\n}\n");
    node.setState("nodes", "2");
    const r = node.run(clusterQuorumWaitScript({ expectedNodes: 3, timeoutSeconds: 15 }));
    expect(r.status).toBe(1);
    expect(r.calls.filter((c) => c[0] === "pvecm")).toHaveLength(3);
    expect(r.stderr).toContain("pvecdk: cluster-quorum-wait: error: the cluster did not become quorate with 3 node(s) within 15 seconds");
    expect(r.stderr).toContain("Nodes:            2");
  });
});
