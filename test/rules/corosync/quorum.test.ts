import { quorumSummary } from "../../../lib/rules/corosync/quorum-summary";
import { twoNodeCluster } from "../../../lib/rules/corosync/two-node-cluster";
import { qdeviceNodeCount } from "../../../lib/rules/corosync/qdevice-node-count";
import { qdeviceHost } from "../../../lib/rules/corosync/qdevice-host";
import { qdeviceMembershipChanges } from "../../../lib/rules/corosync/qdevice-membership-changes";
import { nodeVotes } from "../../../lib/rules/corosync/node-votes";
import { twoNodeOverride } from "../../../lib/rules/corosync/two-node-override";
import { coldStartHaGuests } from "../../../lib/rules/corosync/cold-start-ha-guests";
import { Body, error, findingsAfter, info, run, specWith, warning, where } from "../guests/helpers";

const dropPve3 = (b: Body) => {
  b.nodes.pop();
  b.vms![1].node = "pve1";
};
/** Two nodes, no HA guests, no Ceph: the plain two-node case. */
const plainTwoNodes = (b: Body) => {
  dropPve3(b);
  for (const vm of b.vms!) delete vm.ha;
  delete b.ceph;
};
const withQDevice = (b: Body) => (b.corosync.qdevice = { host: "192.168.10.5", description: "Raspberry Pi" });

describe("Q1 quorum arithmetic", () => {
  it("sums up votes, quorum and tolerated failures", () => {
    const findings = run(quorumSummary);
    expect(where(findings)).toEqual([info("Q1", "/spec/nodes")]);
    expect(findings[0].message).toMatch(/3 nodes with 3 votes = 3 expected; quorum needs 2.*up to 1 node down/);
  });

  it("counts the QDevice vote", () => {
    const [f] = run(quorumSummary, specWith((b) => (dropPve3(b), withQDevice(b))));
    expect(f.message).toMatch(/2 nodes with 2 votes \+ 1 QDevice vote = 3 expected/);
  });
});

describe("Q2 two nodes without a QDevice", () => {
  const rule = twoNodeCluster;

  it("finds nothing with three nodes", () => expect(run(rule)).toEqual([]));

  it("warns for a plain two-node cluster", () => {
    expect(findingsAfter(rule, plainTwoNodes)).toEqual([warning("Q2", "/spec/corosync")]);
  });

  it("is an error with HA guests or Ceph", () => {
    expect(findingsAfter(rule, dropPve3)).toEqual([error("Q2", "/spec/corosync")]);
    expect(findingsAfter(rule, (b) => (plainTwoNodes(b), (b.vms![0].ha = {})))).toEqual([error("Q2", "/spec/corosync")]);
  });

  it("accepts two nodes with a QDevice", () => {
    expect(findingsAfter(rule, (b) => (dropPve3(b), withQDevice(b)))).toEqual([]);
  });

  it("leaves the twoNode override to Q7", () => {
    expect(findingsAfter(rule, (b) => (plainTwoNodes(b), (b.corosync.twoNode = true)))).toEqual([]);
  });
});

describe("Q3 QDevice with an odd node count", () => {
  const rule = qdeviceNodeCount;

  it("warns for three nodes plus a QDevice", () => {
    expect(findingsAfter(rule, withQDevice)).toEqual([warning("Q3", "/spec/corosync/qdevice")]);
  });

  it("accepts a QDevice for an even node count", () => {
    expect(findingsAfter(rule, (b) => (dropPve3(b), withQDevice(b)))).toEqual([]);
  });
});

describe("Q4 QDevice host", () => {
  const rule = qdeviceHost;

  it("finds nothing without a QDevice", () => expect(run(rule)).toEqual([]));

  it("notes qnetd and TCP 5403 for an external host", () => {
    const findings = run(rule, specWith((b) => (dropPve3(b), withQDevice(b))));
    expect(where(findings)).toEqual([info("Q4", "/spec/corosync/qdevice/host")]);
    expect(findings[0].message).toMatch(/corosync-qnetd.*TCP 5403/);
  });

  it("warns when the QDevice is one of the cluster's own nodes", () => {
    expect(findingsAfter(rule, (b) => (dropPve3(b), (b.corosync.qdevice = { host: "192.168.10.12" })))).toEqual([
      warning("Q4", "/spec/corosync/qdevice/host"),
    ]);
  });
});

describe("Q5 membership changes with a QDevice", () => {
  it("notes the remove-then-re-add procedure when a QDevice exists", () => {
    expect(findingsAfter(qdeviceMembershipChanges, (b) => (dropPve3(b), withQDevice(b)))).toEqual([info("Q5", "/spec/corosync/qdevice")]);
    expect(run(qdeviceMembershipChanges)).toEqual([]);
  });
});

describe("Q6 node votes", () => {
  const rule = nodeVotes;

  it("accepts one vote per node, written or not", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].votes = 1))).toEqual([]);
  });

  it("warns on any other vote count", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].votes = 2))).toEqual([warning("Q6", "/spec/nodes/0/votes")]);
    expect(findingsAfter(rule, (b) => (b.nodes[2].votes = 0))).toEqual([warning("Q6", "/spec/nodes/2/votes")]);
  });
});

describe("Q7 two_node override", () => {
  const rule = twoNodeOverride;

  it("finds nothing by default", () => expect(run(rule)).toEqual([]));

  it("warns when twoNode is set", () => {
    expect(findingsAfter(rule, (b) => (plainTwoNodes(b), (b.corosync.twoNode = true)))).toEqual([warning("Q7", "/spec/corosync/twoNode")]);
  });

  it("points out that it does nothing beyond two nodes", () => {
    const [f] = run(rule, specWith((b) => (b.corosync.twoNode = true)));
    expect(f.message).toMatch(/exactly two nodes; this cluster has 3/);
  });
});

describe("Q8 cold start of HA guests", () => {
  const rule = coldStartHaGuests;

  it("finds nothing when no HA guest starts on boot", () => expect(run(rule)).toEqual([]));

  it("notes the wait for quorum at the first HA guest with onBoot", () => {
    expect(findingsAfter(rule, (b) => ((b.vms![1].onBoot = true), (b.vms![0].onBoot = true)))).toEqual([info("Q8", "/spec/vms/0/onBoot")]);
  });

  it("ignores on-boot guests outside HA", () => {
    expect(findingsAfter(rule, (b) => ((b.vms![0].onBoot = true), delete b.vms![0].ha))).toEqual([]);
  });
});
