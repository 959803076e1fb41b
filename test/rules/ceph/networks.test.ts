import { cephNetworksDeclared } from "../../../lib/rules/ceph/ceph-networks-declared";
import { cephNetworkSeparation } from "../../../lib/rules/ceph/ceph-network-separation";
import { cephNetworkBandwidth } from "../../../lib/rules/ceph/ceph-network-bandwidth";
import { monAddressInPublicNetwork } from "../../../lib/rules/ceph/mon-address-in-public-network";
import { cephNodeAddresses } from "../../../lib/rules/ceph/ceph-node-addresses";
import { cephNetworkMtu } from "../../../lib/rules/ceph/ceph-network-mtu";
import { error, findingsAfter, info, run, specWith, warning } from "../guests/helpers";

// Baseline networks: 0 mgmt (management, guest), 1 corosync, 2 ceph-public, 3 ceph-cluster, 4 migration.

describe("CN1 Ceph networks are declared", () => {
  const rule = cephNetworksDeclared;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error when publicNetwork names no declared network", () => {
    expect(findingsAfter(rule, (b) => (b.ceph!.publicNetwork = "storage"))).toEqual([
      error("CN1", "/spec/ceph/publicNetwork"),
      // ceph-public still claims the role the ceph section no longer gives it
      warning("CN1", "/spec/networks/2/roles"),
    ]);
  });

  it("is an error when clusterNetwork names no declared network", () => {
    expect(findingsAfter(rule, (b) => (b.ceph!.clusterNetwork = "replication"))).toEqual([
      error("CN1", "/spec/ceph/clusterNetwork"),
      warning("CN1", "/spec/networks/3/roles"),
    ]);
  });

  it("is an error when the ceph section names no public network", () => {
    expect(findingsAfter(rule, (b) => (b.ceph!.publicNetwork = ""))).toEqual([error("CN1", "/spec/ceph"), warning("CN1", "/spec/networks/2/roles")]);
  });

  it("is an error when nodes run Ceph daemons but the spec has no ceph section", () => {
    expect(findingsAfter(rule, (b) => delete b.ceph)).toEqual([error("CN1", "/spec/nodes/0/ceph")]);
  });

  it("accepts a spec without Ceph at all", () => {
    expect(
      findingsAfter(rule, (b) => {
        delete b.ceph;
        for (const n of b.nodes) delete n.ceph;
        b.networks = b.networks.filter((n) => !n.roles.some((r) => r.startsWith("ceph")));
      }),
    ).toEqual([]);
  });

  it("warns when the public network does not list the ceph-public role", () => {
    expect(findingsAfter(rule, (b) => (b.networks[2].roles = ["storage"]))).toEqual([warning("CN1", "/spec/ceph/publicNetwork")]);
  });

  it("accepts one network carrying both Ceph roles when no cluster network is set", () => {
    expect(
      findingsAfter(rule, (b) => {
        delete b.ceph!.clusterNetwork;
        b.networks[2].roles = ["ceph-public", "ceph-cluster"];
        b.networks.splice(3, 1);
      }),
    ).toEqual([]);
  });

  it("warns about a ceph-cluster network that Ceph does not use", () => {
    expect(findingsAfter(rule, (b) => delete b.ceph!.clusterNetwork)).toEqual([warning("CN1", "/spec/networks/3/roles")]);
  });
});

describe("CN2 Ceph networks apart from corosync and guests", () => {
  const rule = cephNetworkSeparation;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error when the public network carries the primary corosync link", () => {
    expect(findingsAfter(rule, (b) => (b.corosync.links[0].network = "ceph-public"))).toEqual([error("CN2", "/spec/ceph/publicNetwork")]);
  });

  it("accepts the Ceph network as a lower-priority fallback link", () => {
    expect(findingsAfter(rule, (b) => (b.corosync.links[1].network = "ceph-cluster"))).toEqual([]);
  });

  it("is an error when the cluster network runs on the corosync network's physical switch", () => {
    expect(findingsAfter(rule, (b) => (b.networks[3].physical = "switch-b"))).toEqual([error("CN2", "/spec/ceph/clusterNetwork")]);
  });

  it("is an error when a Ceph subnet overlaps the corosync subnet", () => {
    expect(findingsAfter(rule, (b) => (b.networks[2].cidr = "10.0.0.0/16"))).toEqual([error("CN2", "/spec/ceph/publicNetwork")]);
  });

  it("warns when a Ceph network shares the guest network's switch", () => {
    expect(findingsAfter(rule, (b) => (b.networks[2].physical = "switch-a"))).toEqual([warning("CN2", "/spec/ceph/publicNetwork")]);
  });

  it("follows link priority: a higher-priority link elsewhere makes the Ceph link a fallback", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.corosync.links[0].network = "ceph-public";
        b.corosync.links[1].priority = 30;
      }),
    ).toEqual([]);
  });
});

describe("CN3 Ceph network bandwidth", () => {
  const rule = cephNetworkBandwidth;

  it("finds nothing on the baseline (25 Gbit/s with NVMe)", () => expect(run(rule)).toEqual([]));

  it("warns below 10 Gbit/s", () => {
    expect(
      findingsAfter(rule, (b) => {
        for (const n of b.nodes) for (const o of n.ceph!.osds!) o.deviceClass = "ssd";
        b.networks[2].bandwidthGbps = 1;
      }),
    ).toEqual([warning("CN3", "/spec/networks/2/bandwidthGbps")]);
  });

  it("accepts 10 Gbit/s for SSD OSDs", () => {
    expect(
      findingsAfter(rule, (b) => {
        for (const n of b.nodes) for (const o of n.ceph!.osds!) o.deviceClass = "ssd";
        b.networks[2].bandwidthGbps = 10;
        b.networks[3].bandwidthGbps = 10;
      }),
    ).toEqual([]);
  });

  it("warns below 25 Gbit/s when NVMe OSDs exist", () => {
    expect(findingsAfter(rule, (b) => (b.networks[3].bandwidthGbps = 10))).toEqual([warning("CN3", "/spec/networks/3/bandwidthGbps")]);
  });

  it("does not judge a network without bandwidthGbps", () => {
    expect(findingsAfter(rule, (b) => delete b.networks[3].bandwidthGbps)).toEqual([]);
  });
});

describe("CN4 MON addresses in the public network", () => {
  const rule = monAddressInPublicNetwork;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error for a MON node without a public address", () => {
    expect(findingsAfter(rule, (b) => delete b.nodes[1].addresses["ceph-public"])).toEqual([error("CN4", "/spec/nodes/1/ceph/mon")]);
  });

  it("is an error for a MON address outside the public CIDR", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[1].addresses["ceph-public"] = "10.0.21.12"))).toEqual([error("CN4", "/spec/nodes/1/addresses/ceph-public")]);
  });

  it("ignores nodes without a monitor", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes[1].ceph!.mon = false;
        delete b.nodes[1].addresses["ceph-public"];
      }),
    ).toEqual([]);
  });
});

describe("CN5 one Ceph address per node", () => {
  const rule = cephNodeAddresses;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error for an OSD node without a cluster-network address", () => {
    expect(findingsAfter(rule, (b) => delete b.nodes[2].addresses["ceph-cluster"])).toEqual([error("CN5", "/spec/nodes/2/addresses")]);
  });

  it("does not ask for a cluster address on a node without OSDs", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes[2].ceph!.osds = [];
        delete b.nodes[2].addresses["ceph-cluster"];
      }),
    ).toEqual([]);
  });

  it("is an error for a non-MON Ceph node without a public address", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes[2].ceph!.mon = false;
        delete b.nodes[2].addresses["ceph-public"];
      }),
    ).toEqual([error("CN5", "/spec/nodes/2/addresses")]);
  });

  it("leaves a MON node without a public address to CN4", () => {
    expect(findingsAfter(rule, (b) => delete b.nodes[2].addresses["ceph-public"])).toEqual([]);
  });

  it("is an error for two addresses in the public network", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].addresses["extra"] = "10.0.20.99"))).toEqual([error("CN5", "/spec/nodes/0/addresses")]);
  });
});

describe("CN6 MTU along the Ceph networks", () => {
  const rule = cephNetworkMtu;
  const jumboNote = info("CN6", "/spec/networks/2/mtu");

  it("gives the baseline only the jumbo-frame ping note", () => expect(findingsAfter(rule, () => undefined)).toEqual([jumboNote]));

  it("warns about an interface left at the default MTU on a jumbo network", () => {
    expect(findingsAfter(rule, (b) => delete b.nodes[1].interfaces!.vlans![2].mtu)).toEqual([warning("CN6", "/spec/nodes/1/interfaces/vlans/2/name"), jumboNote]);
  });

  it("warns about an interface with a different MTU than the network", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[2].interfaces!.vlans![1].mtu = 1500))).toEqual([warning("CN6", "/spec/nodes/2/interfaces/vlans/1/mtu"), jumboNote]);
  });

  it("has no note when the Ceph networks use the default MTU everywhere", () => {
    expect(
      findingsAfter(rule, (b) => {
        for (const net of b.networks) delete net.mtu;
        for (const n of b.nodes) for (const v of n.interfaces!.vlans!) delete v.mtu;
      }),
    ).toEqual([]);
  });

  it("suggests the IPv6 ping size on an IPv6 network", () => {
    const findings = run(rule, specWith((b) => (b.networks[2].cidr = "fd00:20::/64")));
    expect(findings.find((f) => f.severity === "info")?.hint).toContain("ping -6 -M do -s 8952");
  });
});
