import { corosyncLatency } from "../../../lib/rules/corosync/corosync-latency";
import { corosyncDedicatedNetwork } from "../../../lib/rules/corosync/corosync-dedicated-network";
import { corosyncSharesStorageNetwork } from "../../../lib/rules/corosync/corosync-shares-storage-network";
import { corosyncLinksValid } from "../../../lib/rules/corosync/corosync-links-valid";
import { corosyncLinkRedundancy } from "../../../lib/rules/corosync/corosync-link-redundancy";
import { corosyncActiveLink } from "../../../lib/rules/corosync/corosync-active-link";
import { corosyncTransport } from "../../../lib/rules/corosync/corosync-transport";
import { corosyncAddressesAreIps } from "../../../lib/rules/corosync/corosync-addresses-are-ips";
import { corosyncOverBonds } from "../../../lib/rules/corosync/corosync-over-bonds";
import { corosyncLinkAddressesOnEveryNode } from "../../../lib/rules/corosync/corosync-link-addresses-on-every-node";
import { tokenCoefficient } from "../../../lib/rules/corosync/token-coefficient";
import { BondSpec } from "../../../lib/model/spec-types";
import { Body, error, findingsAfter, info, run, specWith, warning } from "../guests/helpers";

// Baseline: networks 0 mgmt, 1 corosync, 2 ceph-public, 3 ceph-cluster, 4 migration;
// links 0 on 'corosync' (priority 20) and 1 on 'mgmt' (priority 10).
const LINK0_NETWORK = "/spec/corosync/links/0/network";

describe("C1 corosync latency", () => {
  const rule = corosyncLatency;

  it("accepts the baseline's 0.3 ms", () => expect(run(rule)).toEqual([]));

  it("warns from 5 ms", () => {
    expect(findingsAfter(rule, (b) => (b.networks[1].latencyMs = 5))).toEqual([warning("C1", "/spec/networks/1/latencyMs")]);
    expect(findingsAfter(rule, (b) => (b.networks[1].latencyMs = 4.9))).toEqual([]);
  });

  it("stays a warning at 10 ms with three nodes", () => {
    expect(findingsAfter(rule, (b) => (b.networks[1].latencyMs = 12))).toEqual([warning("C1", "/spec/networks/1/latencyMs")]);
  });

  it("is an error at 10 ms or more with more than three nodes", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.networks[1].latencyMs = 10;
        b.nodes.push({ ...b.nodes[0], name: "pve4" });
      }),
    ).toEqual([error("C1", "/spec/networks/1/latencyMs")]);
  });

  it("judges fallback links too, since they carry traffic when the primary fails", () => {
    expect(findingsAfter(rule, (b) => (b.networks[0].latencyMs = 8))).toEqual([warning("C1", "/spec/networks/0/latencyMs")]);
  });
});

describe("C2 dedicated corosync network", () => {
  const rule = corosyncDedicatedNetwork;

  it("accepts the baseline's corosync-only network on its own switch", () => expect(run(rule)).toEqual([]));

  it("warns when the primary link's network also carries management traffic", () => {
    expect(findingsAfter(rule, (b) => b.networks[1].roles.push("management"))).toEqual([warning("C2", LINK0_NETWORK)]);
  });

  it("warns when the primary link shares its switch with the management network", () => {
    expect(findingsAfter(rule, (b) => (b.networks[1].physical = "switch-a"))).toEqual([warning("C2", LINK0_NETWORK)]);
  });

  it("leaves storage and migration sharing to C3", () => {
    expect(findingsAfter(rule, (b) => b.networks[1].roles.push("ceph-public"))).toEqual([]);
  });

  it("does not judge fallback links (link 1 on mgmt is fine)", () => {
    expect(findingsAfter(rule, (b) => (b.corosync.links[1].priority = 5))).toEqual([]);
  });
});

describe("C3 corosync sharing a network with storage or migration", () => {
  const rule = corosyncSharesStorageNetwork;

  it("accepts the baseline, where storage networks are separate and mgmt is only a fallback", () => expect(run(rule)).toEqual([]));

  it("errors when the primary link's network also has a Ceph role", () => {
    expect(findingsAfter(rule, (b) => b.networks[1].roles.push("ceph-public"))).toEqual([error("C3", LINK0_NETWORK)]);
  });

  it("errors when the Ceph settings name the corosync network even without the role", () => {
    expect(findingsAfter(rule, (b) => (b.ceph!.clusterNetwork = "corosync"))).toEqual([error("C3", LINK0_NETWORK)]);
  });

  it("errors when the migration network runs on the corosync switch", () => {
    expect(findingsAfter(rule, (b) => (b.networks[4].physical = "switch-b"))).toEqual([error("C3", LINK0_NETWORK)]);
  });

  it("errors when a storage network's CIDR overlaps the corosync subnet", () => {
    expect(findingsAfter(rule, (b) => (b.networks[2].cidr = "10.0.0.0/16"))).toEqual([error("C3", LINK0_NETWORK)]);
  });

  it("errors when an NFS server sits inside the corosync subnet", () => {
    expect(
      findingsAfter(rule, (b) => b.storages!.push({ id: "nas", type: "nfs", server: "10.0.10.200", export: "/vm", content: ["images"] })),
    ).toEqual([error("C3", LINK0_NETWORK)]);
    expect(
      findingsAfter(rule, (b) => b.storages!.push({ id: "nas", type: "nfs", server: "192.168.50.5", export: "/vm", content: ["images"] })),
    ).toEqual([]);
  });

  it("allows a storage network as a lower-priority fallback link", () => {
    expect(findingsAfter(rule, (b) => b.corosync.links.push({ id: 2, network: "ceph-public", priority: 1 }))).toEqual([]);
  });

  it("judges the link with the highest priority, not link 0", () => {
    expect(findingsAfter(rule, (b) => b.corosync.links.push({ id: 2, network: "ceph-public", priority: 30 }))).toEqual([
      error("C3", "/spec/corosync/links/2/network"),
    ]);
  });

  it("explains the consequence and the fix in plain words", () => {
    const [f] = run(rule, specWith((b) => b.networks[1].roles.push("ceph-cluster")));
    expect(f.message).toMatch(/Ceph replication and recovery traffic/);
    expect(f.message).toMatch(/token timeout/);
    expect(f.message).toMatch(/fenced/);
    expect(f.message).toMatch(/original two-server cluster/);
    expect(f.hint).toMatch(/only the 'corosync' role/);
    expect(f.hint).toMatch(/lower-priority fallback link/);
  });
});

describe("C4 link numbers and networks", () => {
  const rule = corosyncLinksValid;

  it("accepts the baseline's two links", () => expect(run(rule)).toEqual([]));

  it("errors on a link number outside 0–7", () => {
    expect(findingsAfter(rule, (b) => (b.corosync.links[1].id = 8))).toEqual([error("C4", "/spec/corosync/links/1/id")]);
    expect(findingsAfter(rule, (b) => (b.corosync.links[1].id = 7))).toEqual([]);
  });

  it("errors on a link number used twice", () => {
    expect(findingsAfter(rule, (b) => (b.corosync.links[1].id = 0))).toEqual([error("C4", "/spec/corosync/links/1/id")]);
  });

  it("errors on more than eight links", () => {
    const nine = (b: Body) => {
      b.corosync.links = Array.from({ length: 9 }, (_, i) => ({ id: i, network: "corosync" }));
    };
    expect(findingsAfter(rule, nine)).toEqual([error("C4", "/spec/corosync/links/8"), error("C4", "/spec/corosync/links/8/id")]);
  });

  it("errors on a link over an undeclared network, and on no links at all", () => {
    expect(findingsAfter(rule, (b) => (b.corosync.links[1].network = "backbone"))).toEqual([error("C4", "/spec/corosync/links/1/network")]);
    expect(findingsAfter(rule, (b) => (b.corosync.links = []))).toEqual([error("C4", "/spec/corosync/links")]);
  });

  it("errors when a node has no address on the only link", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.corosync.links.pop();
        delete b.nodes[1].addresses.corosync;
      }),
    ).toEqual([error("C4", "/spec/nodes/1/addresses")]);
  });
});

describe("C5 link redundancy", () => {
  const rule = corosyncLinkRedundancy;

  it("accepts two links on different switches", () => expect(run(rule)).toEqual([]));

  it("warns on a single link", () => {
    expect(findingsAfter(rule, (b) => b.corosync.links.pop())).toEqual([warning("C5", "/spec/corosync/links")]);
  });

  it("warns on two links on the same physical network, at the fallback link", () => {
    expect(findingsAfter(rule, (b) => (b.networks[0].physical = "switch-b"))).toEqual([warning("C5", "/spec/corosync/links/1/network")]);
  });
});

describe("C6 which link carries traffic", () => {
  const rule = corosyncActiveLink;

  it("names the active link and the failover order", () => {
    const findings = run(rule);
    expect(findings.map(({ rule, severity, path }) => ({ rule, severity, path }))).toEqual([info("C6", "/spec/corosync/links")]);
    expect(findings[0].message).toMatch(/link 0 on 'corosync' \(priority 20\) only.*link 1 on 'mgmt'/);
  });

  it("explains that equal priorities fall back to the lower link number", () => {
    const [f] = run(rule, specWith((b) => b.corosync.links.forEach((l) => delete l.priority)));
    expect(f.message).toMatch(/lower link number/);
  });
});

describe("C7 transport", () => {
  const rule = corosyncTransport;

  it("accepts the default knet", () => expect(run(rule)).toEqual([]));

  it("errors on udpu with several links (only one can work)", () => {
    expect(findingsAfter(rule, (b) => (b.corosync.transport = "udpu"))).toEqual([error("C7", "/spec/corosync/transport")]);
  });

  it("warns on udp with a single link", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.corosync.transport = "udp";
        b.corosync.links.pop();
      }),
    ).toEqual([warning("C7", "/spec/corosync/transport")]);
  });
});

describe("C8 link addresses are IPs", () => {
  const rule = corosyncAddressesAreIps;

  it("accepts the baseline's IPv4 addresses, and IPv6", () => {
    expect(run(rule)).toEqual([]);
    expect(findingsAfter(rule, (b) => (b.nodes[0].addresses.corosync = "fd00:10::11"))).toEqual([]);
  });

  it("warns on a hostname as a corosync address", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].addresses.corosync = "pve1-ring0.lan"))).toEqual([
      warning("C8", "/spec/nodes/0/addresses/corosync"),
    ]);
  });

  it("ignores hostnames on networks no link uses", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].addresses.migration = "pve1-mig.lan"))).toEqual([]);
  });
});

describe("C9 corosync over bonds", () => {
  const rule = corosyncOverBonds;
  /** pve1 carries the corosync VLAN on bond0 instead of eno2. */
  const corosyncOnBond = (bond: Pick<BondSpec, "mode" | "lacpRate">) => (b: Body) => {
    const ifaces = b.nodes[0].interfaces!;
    ifaces.bonds = [{ name: "bond0", slaves: ["eno2", "ens1f1"], mode: bond.mode, lacpRate: bond.lacpRate }];
    ifaces.vlans![0].name = "bond0.10";
  };

  it("finds nothing without bonds", () => expect(run(rule)).toEqual([]));

  it("warns on a load-balancing mode beneath the corosync VLAN", () => {
    expect(findingsAfter(rule, corosyncOnBond({ mode: "balance-rr" }))).toEqual([warning("C9", "/spec/nodes/0/interfaces/bonds/0/mode")]);
  });

  it("warns on LACP with the slow rate, and accepts it with the fast rate", () => {
    expect(findingsAfter(rule, corosyncOnBond({ mode: "802.3ad" }))).toEqual([warning("C9", "/spec/nodes/0/interfaces/bonds/0/mode")]);
    expect(findingsAfter(rule, corosyncOnBond({ mode: "802.3ad", lacpRate: "slow" }))).toEqual([
      warning("C9", "/spec/nodes/0/interfaces/bonds/0/lacpRate"),
    ]);
    expect(findingsAfter(rule, corosyncOnBond({ mode: "802.3ad", lacpRate: "fast" }))).toEqual([]);
  });

  it("notes that active-backup (the default mode) only sees local port failures", () => {
    expect(findingsAfter(rule, corosyncOnBond({}))).toEqual([info("C9", "/spec/nodes/0/interfaces/bonds/0/name")]);
  });

  it("finds the bond beneath a bridge that carries a link network", () => {
    expect(
      findingsAfter(rule, (b) => {
        const ifaces = b.nodes[0].interfaces!;
        ifaces.bonds = [{ name: "bond0", slaves: ["eno1", "eno2"], mode: "balance-xor" }];
        ifaces.bridges![0].ports = ["bond0"];
      }),
    ).toEqual([warning("C9", "/spec/nodes/0/interfaces/bonds/0/mode")]);
  });

  it("ignores bonds that carry no corosync link", () => {
    expect(
      findingsAfter(rule, (b) => {
        const ifaces = b.nodes[0].interfaces!;
        ifaces.bonds = [{ name: "bond1", slaves: ["ens1f0", "ens1f1"], mode: "balance-rr" }];
        ifaces.vlans![1].name = "bond1.20";
      }),
    ).toEqual([]);
  });
});

describe("C10 every node has an address on every link", () => {
  const rule = corosyncLinkAddressesOnEveryNode;

  it("accepts the baseline", () => expect(run(rule)).toEqual([]));

  it("errors when a node lacks the fallback link's address in a multi-link cluster", () => {
    expect(findingsAfter(rule, (b) => delete b.nodes[2].addresses.mgmt)).toEqual([error("C10", "/spec/nodes/2/addresses")]);
  });

  it("leaves single-link clusters to C4", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.corosync.links.pop();
        delete b.nodes[2].addresses.corosync;
      }),
    ).toEqual([]);
  });
});

describe("C12 token coefficient", () => {
  const rule = tokenCoefficient;

  it("is silent with the default, or 125 set explicitly", () => {
    expect(run(rule)).toEqual([]);
    expect(findingsAfter(rule, (b) => (b.corosync.tokenCoefficient = 125))).toEqual([]);
  });

  it("notes another value and its effect on the token timeout", () => {
    const [f] = run(rule, specWith((b) => (b.corosync.tokenCoefficient = 650)));
    expect({ rule: f.rule, severity: f.severity, path: f.path }).toEqual(info("C12", "/spec/corosync/tokenCoefficient"));
    expect(f.message).toMatch(/grows by 650 ms instead of 125 ms/);
  });
});
