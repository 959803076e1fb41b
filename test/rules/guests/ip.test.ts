import { networkCidrsDisjoint } from "../../../lib/rules/guests/network-cidrs-disjoint";
import { nodeAddressesUnique } from "../../../lib/rules/guests/node-addresses-unique";
import { nodeAddressesInNetwork } from "../../../lib/rules/guests/node-addresses-in-network";
import { gateways } from "../../../lib/rules/guests/gateways";
import { guestStaticIps } from "../../../lib/rules/guests/guest-static-ips";
import { Body, error, findingsAfter, run, warning } from "./helpers";

describe("IP1 network CIDRs", () => {
  const rule = networkCidrsDisjoint;

  it("finds nothing on the baseline, where mgmt carries two roles as one network", () => expect(run(rule)).toEqual([]));

  it("is an error when networks of different roles overlap", () => {
    expect(findingsAfter(rule, (b) => (b.networks[4].cidr = "10.0.10.0/25"))).toEqual([error("IP1", "/spec/networks/4/cidr")]);
    expect(findingsAfter(rule, (b) => (b.networks[4].cidr = "10.0.41.0/24"))).toEqual([]);
  });

  it("only warns when overlapping networks carry the same roles", () => {
    expect(findingsAfter(rule, (b) => b.networks.push({ name: "mgmt-b", roles: ["guest", "management"], cidr: "192.168.10.128/25" }))).toEqual([
      warning("IP1", "/spec/networks/5/cidr"),
    ]);
  });

  it("accepts one network listing corosync and storage (C3 judges that, not IP1)", () => {
    expect(findingsAfter(rule, (b) => (b.networks[1].roles = ["corosync", "storage"]))).toEqual([]);
  });

  it("rejects invalid CIDRs and warns about host bits", () => {
    expect(findingsAfter(rule, (b) => (b.networks[4].cidr = "10.0.40.0/33"))).toEqual([error("IP1", "/spec/networks/4/cidr")]);
    expect(findingsAfter(rule, (b) => (b.networks[4].cidr = "10.0.40.1/24"))).toEqual([warning("IP1", "/spec/networks/4/cidr")]);
  });
});

describe("IP2 node addresses unique", () => {
  const rule = nodeAddressesUnique;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports two nodes with one address", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[1].addresses.corosync = "10.0.10.11"))).toEqual([error("IP2", "/spec/nodes/1/addresses/corosync")]);
  });

  it("compares IPv6 addresses by value, not spelling", () => {
    const v6 = (second: string) => (b: Body) => {
      b.networks.push({ name: "v6", roles: ["guest"], cidr: "fd00:10::/64" });
      b.nodes[0].addresses.v6 = "fd00:10::11";
      b.nodes[1].addresses.v6 = second;
    };
    expect(findingsAfter(rule, v6("fd00:10:0:0::11"))).toEqual([error("IP2", "/spec/nodes/1/addresses/v6")]);
    expect(findingsAfter(rule, v6("fd00:10::12"))).toEqual([]);
  });

  it("reports a QDevice on a cluster node", () => {
    expect(findingsAfter(rule, (b) => (b.corosync.qdevice = { host: "192.168.10.11" }))).toEqual([error("IP2", "/spec/corosync/qdevice/host")]);
    expect(findingsAfter(rule, (b) => (b.corosync.qdevice = { host: "192.168.10.5" }))).toEqual([]);
  });
});

describe("IP3 node addresses inside their networks", () => {
  const rule = nodeAddressesInNetwork;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it.each([
    ["an undeclared network", "storage", "10.0.50.11"],
    ["an address with a prefix", "corosync", "10.0.10.11/24"],
    ["an address outside the CIDR", "corosync", "10.0.11.11"],
    ["the network address", "corosync", "10.0.10.0"],
  ])("reports %s", (_what, network, address) => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].addresses[network] = address))).toEqual([error("IP3", `/spec/nodes/0/addresses/${network}`)]);
  });

  it("reports an interface carrying an unknown network or one the node has no address on", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].interfaces!.vlans![0].network = "coro"))).toEqual([
      error("IP3", "/spec/nodes/0/interfaces/vlans/0/network"),
    ]);
    expect(findingsAfter(rule, (b) => delete b.nodes[0].addresses.migration)).toEqual([error("IP3", "/spec/nodes/0/interfaces/vlans/3/network")]);
  });
});

describe("IP4 gateways", () => {
  const rule = gateways;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("rejects a gateway outside its network, invalid, or the network address", () => {
    for (const gateway of ["192.168.11.1", "gw.lab", "192.168.10.0"]) {
      expect(findingsAfter(rule, (b) => (b.networks[0].gateway = gateway))).toEqual([error("IP4", "/spec/networks/0/gateway")]);
    }
    expect(findingsAfter(rule, (b) => (b.networks[0].gateway = "192.168.10.254"))).toEqual([]);
  });

  it("rejects a second IPv4 gateway network on the nodes", () => {
    expect(findingsAfter(rule, (b) => (b.networks[4].gateway = "10.0.40.1"))).toEqual([
      error("IP4", "/spec/nodes/0/addresses/migration"),
      error("IP4", "/spec/nodes/1/addresses/migration"),
      error("IP4", "/spec/nodes/2/addresses/migration"),
    ]);
  });

  it("allows one gateway per address family", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.networks.push({ name: "mgmt6", roles: ["management"], cidr: "fd00:10::/64", gateway: "fd00:10::1" });
        b.nodes.forEach((n, i) => (n.addresses.mgmt6 = `fd00:10::1${i + 1}`));
      }),
    ).toEqual([]);
  });

  it("rejects a node using the gateway's address", () => {
    expect(findingsAfter(rule, (b) => (b.networks[0].gateway = "192.168.10.11"))).toEqual([error("IP4", "/spec/nodes/0/addresses/mgmt")]);
  });

  it("rejects a guest gateway outside the guest's subnet", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].cloudInit!.gateway = "192.168.11.1"))).toEqual([error("IP4", "/spec/vms/0/cloudInit/gateway")]);
  });
});

describe("IP5 guest static IPs", () => {
  const rule = guestStaticIps;
  const ipOfWeb2 = (ipv4: string) => (b: Body) => (b.vms![1].cloudInit!.ipv4 = ipv4);

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it.each([
    ["another guest's", "192.168.10.101/24"],
    ["a node's", "192.168.10.12/24"],
    ["the gateway's", "192.168.10.1/24"],
    ["an address outside every guest network as", "10.50.0.5/24"],
  ])("warns about %s address", (_what, ipv4) => {
    expect(findingsAfter(rule, ipOfWeb2(ipv4))).toEqual([warning("IP5", "/spec/vms/1/cloudInit/ipv4")]);
  });

  it.each(["192.168.10.102", "192.168.10.102/7", "fd00::5/64", "192.168.10.300/24"])("rejects the malformed value %p", (ipv4) => {
    expect(findingsAfter(rule, ipOfWeb2(ipv4))).toEqual([error("IP5", "/spec/vms/1/cloudInit/ipv4")]);
  });

  it("accepts dhcp and a free address", () => {
    expect(findingsAfter(rule, ipOfWeb2("dhcp"))).toEqual([]);
    expect(findingsAfter(rule, ipOfWeb2("192.168.10.103/24"))).toEqual([]);
  });
});
