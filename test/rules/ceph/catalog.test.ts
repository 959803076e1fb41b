import { ClusterModel } from "../../../lib/model/model";
import { ClusterSpec } from "../../../lib/model/spec-types";
import { runRules } from "../../../lib/rules";
import { CEPH_RULES } from "../../../lib/rules/catalog-ceph";
import { baseSpec } from "../../fixtures/base-spec";
import { Body, specWith } from "../guests/helpers";
import { expectRulesNeverThrow } from "../never-throws";

const SECTION_ORDER = ["CN", "CD", "P"];

function sortKey(id: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(id)!;
  return [SECTION_ORDER.indexOf(m[1]), Number(m[2])];
}

function findings(spec: ClusterSpec): string[] {
  return runRules(new ClusterModel(spec), CEPH_RULES).map((f) => `${f.severity} ${f.rule} ${f.path}`);
}

/**
 * The worked example of the catalog (1.N): two nodes, corosync and Ceph on one LAN that
 * also carries the guests, both nodes MON+MGR with two OSDs, HA guests.
 */
function twoNodeSharedLan(pool: { size?: number; minSize?: number }): ClusterSpec {
  return specWith((b: Body) => {
    b.networks = [{ name: "lan", roles: ["management", "corosync", "ceph-public", "guest"], cidr: "192.168.1.0/24", gateway: "192.168.1.1", bandwidthGbps: 1 }];
    b.nodes = b.nodes.slice(0, 2).map((n, i) => ({
      ...n,
      addresses: { lan: `192.168.1.1${i + 1}` },
      interfaces: { physical: ["eno1"], bridges: [{ name: "vmbr0", ports: ["eno1"], network: "lan" }] },
      ceph: { mon: true, mgr: true, osds: n.ceph!.osds!.slice(0, 2) },
    }));
    b.corosync = { links: [{ id: 0, network: "lan" }] };
    b.ceph = { publicNetwork: "lan", pools: [{ name: "vm-pool", ...pool, storage: { id: "ceph-vm" } }] };
  });
}

describe("CEPH_RULES catalog", () => {
  it("lists each rule of sections D–F once, in catalog order", () => {
    const ids = CEPH_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(CN|CD|P)\d+$/);
    const sorted = [...ids].sort((a, b) => sortKey(a)[0] - sortKey(b)[0] || sortKey(a)[1] - sortKey(b)[1]);
    expect(ids).toEqual(sorted);
    expect(ids.length).toBeGreaterThanOrEqual(20);
  });

  it("gives the baseline no error or warning, only the notes", () => {
    expect(findings(baseSpec()).sort()).toEqual(["info CD10 /spec/ceph", "info CN6 /spec/networks/2/mtu", "info P8 /spec/ceph/pools/0/name"]);
  });

  it("only ever reports its own rule ID, with a message and a hint", () => {
    const broken = specWith((b) => {
      b.nodes = b.nodes.slice(0, 2);
      b.corosync.links[0].network = "ceph-public";
      b.ceph!.pools!.push({ name: "ec", erasureCoding: { k: 4, m: 2 }, minSize: 3 }, { name: "vmdata", size: 9, pgNum: 100, autoscaleMode: "off", failureDomain: "rack" });
      b.ceph!.fs = [{ name: "fs" }];
    });
    const model = new ClusterModel(broken);
    for (const rule of CEPH_RULES) {
      for (const f of rule.check(model)) {
        expect(f.rule).toBe(rule.id);
        expect(f.message.length).toBeGreaterThan(20);
        expect(f.hint.length).toBeGreaterThan(10);
        expect(f.path).toMatch(/^\/spec(\/|$)/);
      }
    }
  });

  it("says nothing about a spec without Ceph", () => {
    const noCeph = specWith((b) => {
      delete b.ceph;
      for (const n of b.nodes) delete n.ceph;
      b.networks = b.networks.filter((n) => !n.roles.some((r) => r.startsWith("ceph")));
    });
    expect(findings(noCeph)).toEqual([]);
  });

  it("never throws on partly invalid input (unknown references, bad values, missing optional parts)", () => {
    const start = JSON.parse(JSON.stringify(baseSpec())) as { spec: Body };
    start.spec.ceph!.pools!.push({ name: "ec", erasureCoding: { k: 2, m: 1 }, minSize: 2, pgNum: 64, autoscaleMode: "off", deviceClass: "nvme", failureDomain: "osd" });
    start.spec.ceph!.fs = [{ name: "fs" }];
    start.spec.nodes[0].ceph!.mds = true;
    start.spec.nodes[0].ceph!.osds![0].dbDevice = "/dev/nvme9n1";
    start.spec.nodes[0].ceph!.osds![1].behindRaid = true;

    expectRulesNeverThrow(CEPH_RULES, start as unknown as ClusterSpec, {
      strings: ["", "pve9", "lan", "ceph-public", "ceph-cluster", "corosync", "nowhere", "10.0.20.11", "10.0.20.0/24", "not-an-ip", "fd00::1", "fd00::/64", "300.1.1.1/24", "/dev/disk/by-id/nvme-a", "vmdata", "osd", "nvme"],
      numbers: [0, -1, 1, 2, 3, 7, 8, 128, 9000, 1e12, 1.5, Number.NaN],
      numRuns: 150,
      seed: 1717,
    });
  });
});

describe("the worked example (catalog 1.N): two nodes, Ceph and corosync on one LAN, HA on", () => {
  const shared = ["error CN2 /spec/ceph/publicNetwork", "error CD1 /spec/ceph", "error CD2 /spec/ceph"];

  it("with the 3/2 defaults: shared network, too few nodes and MONs, size 3 on two hosts", () => {
    const got = findings(twoNodeSharedLan({}));
    expect(got).toEqual(expect.arrayContaining([...shared, "error P4 /spec/ceph/pools/0"]));
    expect(got.filter((f) => /P[23] /.test(f))).toEqual([]);
  });

  it("with 2/1: data-loss risk (P2), and size 2 (P3)", () => {
    const got = findings(twoNodeSharedLan({ size: 2, minSize: 1 }));
    expect(got).toEqual(expect.arrayContaining([...shared, "error P2 /spec/ceph/pools/0/minSize", "warning P3 /spec/ceph/pools/0/size"]));
    expect(got.filter((f) => f.includes(" P4 "))).toEqual([]);
  });

  it("with 2/2: I/O stops with either node down (P3), no P2 or P4", () => {
    const got = findings(twoNodeSharedLan({ size: 2, minSize: 2 }));
    expect(got).toEqual(expect.arrayContaining([...shared, "warning P3 /spec/ceph/pools/0/size"]));
    expect(got.filter((f) => / P[24] /.test(f))).toEqual([]);
  });

  it("reports CD1 and CD2 as warnings once the HA guests are gone", () => {
    const spec = twoNodeSharedLan({});
    const noHa = specWith((b) => {
      Object.assign(b, JSON.parse(JSON.stringify(spec.spec)));
      for (const vm of b.vms!) delete vm.ha;
    });
    expect(findings(noHa)).toEqual(expect.arrayContaining(["warning CD1 /spec/ceph", "warning CD2 /spec/ceph"]));
  });
});
