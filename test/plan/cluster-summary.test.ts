import { ClusterModel } from "../../lib/model/model";
import { ClusterSpec } from "../../lib/model/spec-types";
import { specContext, summarizeCluster } from "../../lib/plan/cluster-summary";
import { reviewPlan } from "../../lib/plan/review-plan";
import { runRules } from "../../lib/rules";
import { baseSpec } from "../fixtures/base-spec";
import { loadPlan, resource } from "./helpers";

function summary(spec: ClusterSpec = baseSpec()) {
  const model = new ClusterModel(spec);
  return summarizeCluster(model, runRules(model), "cluster.yaml");
}

describe("cluster summary (--spec)", () => {
  it("gives the quorum math of the model", () => {
    expect(summary().quorum).toEqual({
      nodeVotes: 3,
      qdeviceVotes: 0,
      expectedVotes: 3,
      quorum: 2,
      toleratedVotes: 1,
      toleratedNodeFailures: 1,
      qdevice: false,
    });
  });

  it("gives Ceph survivability per pool", () => {
    expect(summary().pools).toEqual([
      { pool: "vmdata", size: 3, minSize: 2, hostsWithOsds: 3, hostFailuresTolerated: 1, permanentlyDegraded: false },
    ]);
  });

  it("lists the networks per role with each node's address, corosync links first with their priority", () => {
    const rows = summary().networks;
    expect(rows.map((r) => `${r.role} ${r.network}`)).toEqual([
      "corosync link 0 (priority 20) corosync",
      "corosync link 1 (priority 10) mgmt",
      "management mgmt",
      "ceph-public ceph-public",
      "ceph-cluster ceph-cluster",
      "migration migration",
      "guest mgmt",
    ]);
    expect(rows[0].addresses).toEqual({ pve1: "10.0.10.11", pve2: "10.0.10.12", pve3: "10.0.10.13" });
  });

  it("carries the validator's findings and counts them", () => {
    const spec = baseSpec();
    const twoNodes: ClusterSpec = { ...spec, spec: { ...spec.spec, nodes: spec.spec.nodes.slice(0, 2) } };
    const s = summary(twoNodes);
    // HA on two votes is an error (H1).
    expect(s.findings.find((f) => f.rule === "H1")).toMatchObject({ severity: "error" });
    expect(s.findingCounts.error).toBe(s.findings.filter((f) => f.severity === "error").length);
  });
});

describe("the spec sharpens the network warning (B6)", () => {
  const model = new ClusterModel(baseSpec());
  const review = reviewPlan(loadPlan("bpg-network-mgmt"), { input: "plan.json", spec: specContext(model) });

  it("names the management and corosync networks an interface carries", () => {
    expect(resource(review, "proxmox_network_linux_bridge.pve1_vmbr0").consequences).toEqual([
      "vmbr0 on pve1 carries the management and corosync network (mgmt): a mistake here cuts the node off from the cluster and from you. Keep console access ready (B6).",
    ]);
    expect(resource(review, "proxmox_network_linux_vlan.pve2_eno2_10").consequences[1]).toMatch(/carries the corosync network \(corosync\)/);
  });

  it("does not flag an interface the spec gives only to Ceph", () => {
    expect(resource(review, "proxmox_network_linux_vlan.pve1_ens1f0_20").risk).toBeUndefined();
  });
});
