import { ClusterModel } from "../../../lib/model/model";
import { ClusterSpec } from "../../../lib/model/spec-types";
import { runRules } from "../../../lib/rules";
import { COROSYNC_RULES } from "../../../lib/rules/catalog-corosync";
import { baseSpec } from "../../fixtures/base-spec";
import { specWith } from "../guests/helpers";
import { expectRulesNeverThrow } from "../never-throws";

const SECTION_ORDER = ["N", "C", "Q"];

function sortKey(id: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(id)!;
  return [SECTION_ORDER.indexOf(m[1]), Number(m[2])];
}

/**
 * The worked example of the catalog (1.N): two servers, one LAN for management,
 * corosync and Ceph, HA guests, no QDevice.
 */
function originalTwoServerSpec(): ClusterSpec {
  const node = (i: number) => ({
    name: `srv${i}`,
    pveVersion: "9.0",
    addresses: { lan: `192.168.1.1${i}` },
    ceph: { mon: true, mgr: true, osds: [{ device: "/dev/sdb" }] },
  });
  return {
    apiVersion: "pvecdk/v1",
    kind: "Cluster",
    spec: {
      name: "homelab",
      networks: [{ name: "lan", roles: ["management", "corosync", "ceph-public", "guest"], cidr: "192.168.1.0/24", physical: "home-switch" }],
      nodes: [node(1), node(2)],
      corosync: { links: [{ id: 0, network: "lan" }] },
      ceph: { publicNetwork: "lan", pools: [{ name: "vm-pool", storage: {} }] },
      vms: [{ name: "app", vmid: 100, node: "srv1", ha: {} }],
    },
  };
}

describe("COROSYNC_RULES catalog", () => {
  it("lists each rule of sections A–C once, in catalog order", () => {
    const ids = COROSYNC_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(N|C|Q)\d+$/);
    const sorted = [...ids].sort((a, b) => sortKey(a)[0] - sortKey(b)[0] || sortKey(a)[1] - sortKey(b)[1]);
    expect(ids).toEqual(sorted);
    expect(ids.length).toBeGreaterThanOrEqual(20);
  });

  it("gives the baseline no error or warning, only the link and quorum notes", () => {
    const findings = runRules(new ClusterModel(baseSpec()), COROSYNC_RULES);
    expect(findings.map((f) => `${f.severity} ${f.rule}`).sort()).toEqual(["info C6", "info Q1"]);
  });

  it("reports the worked example's root causes: corosync on the Ceph LAN (C3) and two votes with HA (Q2)", () => {
    const findings = runRules(new ClusterModel(originalTwoServerSpec()), COROSYNC_RULES);
    const errors = findings.filter((f) => f.severity === "error").map((f) => `${f.rule} ${f.path}`);
    expect(errors).toEqual(["Q2 /spec/corosync", "C3 /spec/corosync/links/0/network"]);
    const warnings = findings.filter((f) => f.severity === "warning").map((f) => f.rule).sort();
    expect(warnings).toEqual(["C2", "C5"]);
  });

  it("turns the worked example clean with a dedicated corosync network and a QDevice", () => {
    const fixed = originalTwoServerSpec() as unknown as { spec: Record<string, unknown> & { networks: unknown[]; nodes: { addresses: Record<string, string> }[] } };
    fixed.spec.networks.push({ name: "ring", roles: ["corosync"], cidr: "10.0.10.0/24", physical: "ring-switch" });
    fixed.spec.nodes.forEach((n, i) => (n.addresses.ring = `10.0.10.1${i + 1}`));
    fixed.spec.corosync = { links: [{ id: 0, network: "ring", priority: 20 }, { id: 1, network: "lan", priority: 10 }], qdevice: { host: "192.168.1.5" } };
    const findings = runRules(new ClusterModel(fixed as unknown as ClusterSpec), COROSYNC_RULES);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("only ever reports its own rule ID, with a message and a hint", () => {
    const broken = specWith((b) => {
      b.name = "this-name-is-too-long";
      b.networks[1].roles.push("ceph-cluster", "management");
      b.networks[1].latencyMs = 20;
      b.networks[0].physical = "switch-b";
      b.nodes[0].votes = 3;
      b.nodes[1].pveVersion = "8.3";
      b.nodes[2].addresses.corosync = "pve3.lan";
      delete b.nodes[2].addresses.mgmt;
      b.corosync.links.push({ id: 1, network: "nowhere" }, { id: 9, network: "migration" });
      b.corosync.transport = "udpu";
      b.corosync.tokenCoefficient = 650;
      b.corosync.qdevice = { host: "192.168.10.11" };
      b.corosync.twoNode = true;
      b.vms![0].onBoot = true;
    });
    const model = new ClusterModel(broken);
    const seen = new Set<string>();
    for (const rule of COROSYNC_RULES) {
      for (const f of rule.check(model)) {
        seen.add(f.rule);
        expect(f.rule).toBe(rule.id);
        expect(f.message.length).toBeGreaterThan(20);
        expect(f.hint.length).toBeGreaterThan(10);
        expect(f.path).toMatch(/^\/spec(\/|$)/);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(15);
  });

  it("copes with a spec that has only networks, nodes and corosync", () => {
    const minimal = specWith((b) => {
      for (const key of ["ceph", "storages", "migration", "ha", "images", "templates", "vms", "haRules"] as const) delete b[key];
      for (const n of b.nodes) delete n.interfaces;
    });
    const findings = runRules(new ClusterModel(minimal), COROSYNC_RULES);
    expect(findings.map((f) => f.rule).sort()).toEqual(["C6", "Q1"]);
  });

  it("never throws on partly invalid input (unknown networks, bad CIDRs, missing optional parts)", () => {
    const start = specWith((b) => {
      // Give the property something to break in every rule: a bond under corosync, a QDevice, on-boot HA guests.
      b.nodes[0].interfaces!.bonds = [{ name: "bond0", slaves: ["eno2"], mode: "802.3ad" }];
      b.nodes[0].interfaces!.vlans![0].name = "bond0.10";
      b.corosync.qdevice = { host: "192.168.10.5" };
      b.corosync.tokenCoefficient = 650;
      b.vms![0].onBoot = true;
      b.storages!.push({ id: "nas", type: "nfs", server: "10.0.10.200", export: "/vm", content: ["images"] });
    });

    expectRulesNeverThrow(COROSYNC_RULES, start, {
      strings: ["", "pve9", "corosync", "mgmt", "ceph-public", "nowhere", "10.0.10.11", "10.0.10.0/24", "not-an-ip", "fd00::1", "fd00::/64", "300.1.1.1/24", "bond0", "bond0.10", "802.3ad", "udpu"],
      numbers: [0, -1, 1, 7, 8, 125, 4095, 1e12, 1.5, Number.NaN],
      numRuns: 150,
      seed: 5405,
    });
  });

  it("reports per-node problems once per node on a 64-node cluster", () => {
    const big = specWith((b) => {
      const template = b.nodes[0];
      b.nodes = Array.from({ length: 64 }, (_, i) => ({
        ...template,
        name: `pve${i + 1}`,
        addresses: { mgmt: `192.168.10.${i + 20}`, corosync: `10.0.10.${i + 20}` },
        votes: 2,
      }));
    });
    const findings = runRules(new ClusterModel(big), COROSYNC_RULES);
    expect(findings.filter((f) => f.rule === "Q6")).toHaveLength(64);
    expect(findings.filter((f) => f.rule === "N9")).toHaveLength(1);
  });
});
