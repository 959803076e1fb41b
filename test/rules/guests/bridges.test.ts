import { bridgeNames } from "../../../lib/rules/guests/bridge-names";
import { vlanIds } from "../../../lib/rules/guests/vlan-ids";
import { guestNicMtu } from "../../../lib/rules/guests/guest-nic-mtu";
import { mtuConsistency } from "../../../lib/rules/guests/mtu-consistency";
import { guestBridgeExists } from "../../../lib/rules/guests/guest-bridge-exists";
import { Body, error, findingsAfter, run, warning } from "./helpers";

const onEveryNode = (edit: (node: Body["nodes"][number]) => void) => (b: Body) => b.nodes.forEach(edit);

describe("B1 bridge names and ports", () => {
  const rule = bridgeNames;
  const bridgesOfPve1 = (b: Body) => b.nodes[0].interfaces!.bridges!;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it.each(["vmbr_0", "bridgetoolong", "0vmbr"])("rejects the bridge name %p", (name) => {
    expect(findingsAfter(rule, (b) => (bridgesOfPve1(b)[0].name = name))).toEqual([error("B1", "/spec/nodes/0/interfaces/bridges/0/name")]);
  });

  it.each(["vmbr4094", "guests"])("accepts the bridge name %p", (name) => {
    expect(findingsAfter(rule, (b) => (bridgesOfPve1(b)[0].name = name))).toEqual([]);
  });

  it("reports a bridge declared twice on a node", () => {
    expect(findingsAfter(rule, (b) => bridgesOfPve1(b).push({ name: "vmbr0", ports: ["eno2"] }))).toEqual([
      error("B1", "/spec/nodes/0/interfaces/bridges/1/name"),
    ]);
  });

  it("reports a port the node does not have, and a port shared by two bridges", () => {
    expect(findingsAfter(rule, (b) => (bridgesOfPve1(b)[0].ports = ["eno9"]))).toEqual([error("B1", "/spec/nodes/0/interfaces/bridges/0/ports/0")]);
    expect(findingsAfter(rule, (b) => bridgesOfPve1(b).push({ name: "vmbr1", ports: ["eno1"] }))).toEqual([
      error("B1", "/spec/nodes/0/interfaces/bridges/1/ports/0"),
    ]);
    expect(findingsAfter(rule, (b) => bridgesOfPve1(b).push({ name: "vmbr1", ports: ["eno2"] }))).toEqual([]);
  });
});

describe("B2 VLAN IDs and tags", () => {
  const rule = vlanIds;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("rejects network VLANs outside 1–4094", () => {
    expect(findingsAfter(rule, (b) => (b.networks[1].vlan = 4095))).toEqual([error("B2", "/spec/networks/1/vlan")]);
  });

  it("checks host VLAN interface names, parents and VIDs", () => {
    const vlan0 = (name: string) => (b: Body) => (b.nodes[0].interfaces!.vlans![0].name = name);
    expect(findingsAfter(rule, vlan0("eno2"))).toEqual([error("B2", "/spec/nodes/0/interfaces/vlans/0/name")]);
    expect(findingsAfter(rule, vlan0("eno2.5000"))).toEqual([error("B2", "/spec/nodes/0/interfaces/vlans/0/name")]);
    expect(findingsAfter(rule, vlan0("eno7.10"))).toEqual([error("B2", "/spec/nodes/0/interfaces/vlans/0/name")]);
  });

  it("warns when a VLAN interface's VID differs from its network's VLAN", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].interfaces!.vlans![0].name = "eno2.11"))).toEqual([warning("B2", "/spec/nodes/0/interfaces/vlans/0/name")]);
  });

  it("rejects malformed bridge vids", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].interfaces!.bridges![0].vids = "2-5000"))).toEqual([error("B2", "/spec/nodes/0/interfaces/bridges/0/vids")]);
    expect(findingsAfter(rule, (b) => (b.nodes[0].interfaces!.bridges![0].vids = "10 20 100-199"))).toEqual([]);
  });

  it("warns about a guest tag on a bridge that is not VLAN-aware", () => {
    expect(
      findingsAfter(rule, (b) => {
        onEveryNode((n) => (n.interfaces!.bridges![0].vlanAware = false))(b);
        b.vms![0].nics![0].vlan = 100;
      }),
    ).toEqual([warning("B2", "/spec/vms/0/nics/0/vlan")]);
    expect(findingsAfter(rule, (b) => (b.vms![0].nics![0].vlan = 100))).toEqual([]);
  });

  it("rejects a guest tag the VLAN-aware bridge does not pass", () => {
    const tag = (vlan: number) => (b: Body) => {
      onEveryNode((n) => (n.interfaces!.bridges![0].vids = "100-199"))(b);
      b.vms![0].nics![0].vlan = vlan;
    };
    expect(findingsAfter(rule, tag(300))).toEqual([error("B2", "/spec/vms/0/nics/0/vlan")]);
    expect(findingsAfter(rule, tag(150))).toEqual([]);
  });

  it("warns about a guest tagged into a cluster network's VLAN, and rejects tag 0", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].nics![0].vlan = 10))).toEqual([warning("B2", "/spec/vms/0/nics/0/vlan")]);
    expect(findingsAfter(rule, (b) => (b.vms![0].nics![0].vlan = 0))).toEqual([error("B2", "/spec/vms/0/nics/0/vlan")]);
  });
});

describe("B3 guest NIC MTU", () => {
  const rule = guestNicMtu;
  const nic = (edit: Partial<{ mtu: number; model: "virtio" | "e1000" }>) => (b: Body) => Object.assign(b.vms![0].nics![0], edit);

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("rejects an MTU above the bridge's", () => {
    expect(findingsAfter(rule, nic({ mtu: 9000 }))).toEqual([error("B3", "/spec/vms/0/nics/0/mtu")]);
    expect(findingsAfter(rule, nic({ mtu: 1500 }))).toEqual([]);
    expect(findingsAfter(rule, nic({ mtu: 1 }))).toEqual([]);
  });

  it("accepts a jumbo MTU once every node's bridge carries it", () => {
    expect(
      findingsAfter(rule, (b) => {
        onEveryNode((n) => (n.interfaces!.bridges![0].mtu = 9000))(b);
        nic({ mtu: 9000 })(b);
      }),
    ).toEqual([]);
  });

  it("rejects an MTU on a non-VirtIO NIC and out-of-range values", () => {
    expect(findingsAfter(rule, nic({ mtu: 1, model: "e1000" }))).toEqual([error("B3", "/spec/vms/0/nics/0/mtu")]);
    expect(findingsAfter(rule, nic({ mtu: 70000 }))).toEqual([error("B3", "/spec/vms/0/nics/0/mtu")]);
  });
});

describe("B4 MTU consistency", () => {
  const rule = mtuConsistency;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("warns when a bridge or VLAN interface has a larger MTU than the bond beneath it", () => {
    expect(
      findingsAfter(rule, (b) => {
        const ifaces = b.nodes[0].interfaces!;
        ifaces.bonds = [{ name: "bond1", slaves: ["ens1f0", "ens1f1"], mtu: 1500 }];
        ifaces.bridges!.push({ name: "vmbr1", ports: ["bond1"], mtu: 9000 });
        ifaces.vlans!.push({ name: "bond1.50", mtu: 9000 });
      }),
    ).toEqual([warning("B4", "/spec/nodes/0/interfaces/bridges/1/mtu"), warning("B4", "/spec/nodes/0/interfaces/vlans/4/mtu")]);
  });

  it("warns when one node's interface disagrees with its network's MTU", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[1].interfaces!.vlans![0].mtu = 9000))).toEqual([warning("B4", "/spec/nodes/1/interfaces/vlans/0/mtu")]);
    expect(findingsAfter(rule, (b) => (b.nodes[1].interfaces!.vlans![0].mtu = 1500))).toEqual([]);
  });

  it("leaves Ceph networks to CN6", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[1].interfaces!.vlans![1].mtu = 1500))).toEqual([]);
  });
});

describe("B5 guest bridges exist", () => {
  const rule = guestBridgeExists;
  const renameBridgeOnPve3 = (b: Body) => (b.nodes[2].interfaces!.bridges![0].name = "vmbr9");

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports HA guests whose bridge is missing on a node HA may use", () => {
    expect(findingsAfter(rule, renameBridgeOnPve3)).toEqual([error("B5", "/spec/vms/0/nics/0/bridge"), error("B5", "/spec/vms/1/nics/0/bridge")]);
  });

  it("does not care about nodes a guest never runs on", () => {
    expect(
      findingsAfter(rule, (b) => {
        renameBridgeOnPve3(b);
        for (const vm of b.vms!) delete vm.ha;
      }),
    ).toEqual([]);
  });

  it("points a clone's inherited NIC at its template reference", () => {
    expect(
      findingsAfter(rule, (b) => {
        renameBridgeOnPve3(b);
        delete b.vms![0].nics;
      }),
    ).toEqual([error("B5", "/spec/vms/0/template"), error("B5", "/spec/vms/1/nics/0/bridge")]);
  });
});
