import { haQuorumVotes } from "../../../lib/rules/guests/ha-quorum-votes";
import { haGuestSharedStorage } from "../../../lib/rules/guests/ha-guest-shared-storage";
import { haFencingNote } from "../../../lib/rules/guests/ha-fencing-note";
import { haPassthroughPinned } from "../../../lib/rules/guests/ha-passthrough-pinned";
import { haRuleFeasibility } from "../../../lib/rules/guests/ha-rule-feasibility";
import { haNodeIsPreference } from "../../../lib/rules/guests/ha-node-is-preference";
import { Body, error, findingsAfter, info, run, warning } from "./helpers";

/** Two more HA VMs, web3 (vmid 103) and web4 (vmid 104), like the baseline's web1/web2. */
function addHaVms(b: Body, ...names: string[]): void {
  names.forEach((name, k) =>
    b.vms!.push({ name, vmid: 103 + k, node: "pve3", template: "ubuntu-2404", nics: [{ bridge: "vmbr0" }], ha: { state: "started" } }),
  );
}

function withoutHa(b: Body): void {
  for (const vm of b.vms!) delete vm.ha;
  delete b.haRules;
}

describe("H1 HA needs three votes", () => {
  const rule = haQuorumVotes;

  it("finds nothing on the three-node baseline", () => expect(run(rule)).toEqual([]));

  it("is an error with HA guests on two nodes", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes = b.nodes.slice(0, 2);
      }),
    ).toEqual([error("H1", "/spec/vms/0/ha")]);
  });

  it("accepts two nodes plus a QDevice (three votes)", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes = b.nodes.slice(0, 2);
        b.corosync.qdevice = { host: "192.168.10.5" };
      }),
    ).toEqual([]);
  });

  it("does not care about two nodes without HA guests", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes = b.nodes.slice(0, 2);
        withoutHa(b);
      }),
    ).toEqual([]);
  });
});

describe("H2 HA guests on shared storage", () => {
  const rule = haGuestSharedStorage;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error for an HA guest with a disk on local-lvm", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].disks = [{ storage: "local-lvm", sizeGiB: 10 }]))).toEqual([error("H2", "/spec/vms/0/disks/0/storage")]);
  });

  it("accepts the extra disk on the Ceph storage", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].disks = [{ storage: "ceph-vm", sizeGiB: 10 }]))).toEqual([]);
  });

  it("follows a full clone's target storage", () => {
    expect(findingsAfter(rule, (b) => (b.vms![1].storage = "local-lvm"))).toEqual([error("H2", "/spec/vms/1/storage")]);
  });
});

describe("H3 fencing note", () => {
  const rule = haFencingNote;

  it("is said once when HA is used", () => expect(run(rule).map((f) => ({ rule: f.rule, severity: f.severity, path: f.path }))).toEqual([info("H3", "/spec/vms/0/ha")]));

  it("is silent without HA guests", () => expect(findingsAfter(rule, withoutHa)).toEqual([]));
});

describe("H4 HA guests with passthrough", () => {
  const rule = haPassthroughPinned;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("warns when an HA guest with a PCI device may move to other nodes", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].passthrough = ["0000:01:00.0"]))).toEqual([warning("H4", "/spec/vms/0/passthrough")]);
  });

  it("accepts it once a strict node-affinity rule pins the guest to its node", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.vms![0].passthrough = ["0000:01:00.0"];
        b.haRules!.push({ name: "gpu-on-pve1", type: "node-affinity", resources: ["web1"], nodes: { pve1: 1 }, strict: true });
      }),
    ).toEqual([]);
  });
});

describe("H6 HA rule feasibility", () => {
  const rule = haRuleFeasibility;

  it("finds nothing on the baseline (two HA guests kept apart on three nodes)", () => expect(run(rule)).toEqual([]));

  it("reports rule members that are not HA VMs", () => {
    expect(findingsAfter(rule, (b) => (b.haRules![0].resources = ["web1", "web3"]))).toEqual([error("H6", "/spec/haRules/0/resources/1")]);
    expect(findingsAfter(rule, (b) => (b.haRules![0].resources = ["web1", "ubuntu-2404"]))).toEqual([error("H6", "/spec/haRules/0/resources/1")]);
    expect(findingsAfter(rule, (b) => delete b.vms![1].ha)).toEqual([error("H6", "/spec/haRules/0/resources/1")]);
  });

  it("reports unknown and missing nodes in node-affinity rules", () => {
    expect(
      findingsAfter(rule, (b) => b.haRules!.push({ name: "pin", type: "node-affinity", resources: ["web1"], nodes: { pve1: 1, pve9: 1 } })),
    ).toEqual([error("H6", "/spec/haRules/1/nodes/pve9")]);
    expect(findingsAfter(rule, (b) => b.haRules!.push({ name: "pin", type: "node-affinity", resources: ["web1"], nodes: {} }))).toEqual([
      error("H6", "/spec/haRules/1/nodes"),
    ]);
  });

  it("allows a guest in one node-affinity rule only", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.haRules!.push({ name: "a", type: "node-affinity", resources: ["web1"], nodes: { pve1: 1 } });
        b.haRules!.push({ name: "b", type: "node-affinity", resources: ["web1"], nodes: { pve2: 1 } });
      }),
    ).toEqual([error("H6", "/spec/haRules/2/resources/0")]);
  });

  it("needs two guests in a resource-affinity rule", () => {
    expect(findingsAfter(rule, (b) => (b.haRules![0].resources = ["web1"]))).toEqual([error("H6", "/spec/haRules/0/resources")]);
  });

  it("cannot keep more guests apart than there are nodes", () => {
    expect(
      findingsAfter(rule, (b) => {
        addHaVms(b, "web3", "web4");
        b.haRules![0].resources = ["web1", "web2", "web3", "web4"];
      }),
    ).toEqual([error("H6", "/spec/haRules/0/resources")]);
    expect(
      findingsAfter(rule, (b) => {
        addHaVms(b, "web3");
        b.haRules![0].resources = ["web1", "web2", "web3"];
      }),
    ).toEqual([]);
  });

  it("cannot keep the same guests together and apart", () => {
    expect(findingsAfter(rule, (b) => b.haRules!.push({ name: "together", type: "resource-affinity", resources: ["web1", "web2"], affinity: "positive" }))).toEqual([
      error("H6", "/spec/haRules/0/resources"),
    ]);
  });

  it("sees through positive rules that PVE merges", () => {
    expect(
      findingsAfter(rule, (b) => {
        addHaVms(b, "web3");
        b.haRules!.push({ name: "t1", type: "resource-affinity", resources: ["web1", "web3"], affinity: "positive" });
        b.haRules!.push({ name: "t2", type: "resource-affinity", resources: ["web3", "web2"], affinity: "positive" });
      }),
    ).toEqual([error("H6", "/spec/haRules/0/resources")]);
  });

  it("rejects node-affinity rules with several priorities for guests in resource-affinity rules", () => {
    const pin = (nodes: Record<string, number>) => (b: Body) =>
      b.haRules!.push({ name: "prefer", type: "node-affinity", resources: ["web1"], nodes });
    expect(findingsAfter(rule, pin({ pve1: 2, pve2: 1 }))).toEqual([error("H6", "/spec/haRules/0/resources")]);
    expect(findingsAfter(rule, pin({ pve1: 1, pve2: 1 }))).toEqual([]);
  });

  it("lets guests kept together follow only one node-affinity rule", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.haRules = [
          { name: "together", type: "resource-affinity", resources: ["web1", "web2"], affinity: "positive" },
          { name: "a", type: "node-affinity", resources: ["web1"], nodes: { pve1: 1 } },
          { name: "b", type: "node-affinity", resources: ["web2"], nodes: { pve2: 1 } },
        ];
      }),
    ).toEqual([error("H6", "/spec/haRules/0/resources")]);
  });

  it("needs as many allowed nodes as guests kept apart", () => {
    const allow = (nodes: Record<string, number>) => (b: Body) =>
      b.haRules!.push({ name: "rack-a", type: "node-affinity", resources: ["web1", "web2"], nodes, strict: true });
    expect(findingsAfter(rule, allow({ pve1: 1 }))).toEqual([error("H6", "/spec/haRules/0/resources")]);
    expect(findingsAfter(rule, allow({ pve1: 1, pve2: 1 }))).toEqual([]);
  });

  it("reports two rules with one name", () => {
    expect(findingsAfter(rule, (b) => b.haRules!.push({ name: "web-spread", type: "node-affinity", resources: ["web1"], nodes: { pve1: 1 } }))).toEqual([
      error("H6", "/spec/haRules/1/name"),
    ]);
  });
});

describe("H8 HA node is a preference", () => {
  const rule = haNodeIsPreference;

  it("notes once on the baseline that HA guests may move", () => expect(findingsAfter(rule, () => undefined)).toEqual([info("H8", "/spec/vms/0/node")]));

  it("warns when a node-affinity rule prefers another node than the declared one", () => {
    expect(
      findingsAfter(rule, (b) => b.haRules!.push({ name: "prefer-pve2", type: "node-affinity", resources: ["web1"], nodes: { pve1: 1, pve2: 2 } })),
    ).toEqual([warning("H8", "/spec/vms/0/node"), info("H8", "/spec/vms/0/node")]);
  });

  it("accepts a declared node in the highest priority class", () => {
    expect(
      findingsAfter(rule, (b) => b.haRules!.push({ name: "prefer-pve1", type: "node-affinity", resources: ["web1"], nodes: { pve1: 2, pve2: 1 } })),
    ).toEqual([info("H8", "/spec/vms/0/node")]);
  });

  it("is silent without HA guests", () => expect(findingsAfter(rule, withoutHa)).toEqual([]));
});
