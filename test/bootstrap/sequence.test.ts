import {
  BootstrapScript,
  cephCrushRuleScript,
  cephFsScript,
  cephHealthWaitScript,
  cephInitScript,
  cephInstallScript,
  cephMdsScript,
  cephMgrScript,
  cephMonScript,
  cephOsdScript,
  clusterCreateScript,
  clusterQuorumWaitScript,
  qdeviceClientInstallScript,
  qdeviceScript,
  rbdStorageScript,
} from "../../lib/bootstrap";
import { FakeNode, changingCalls } from "./fake-node";

/** Every step a first node goes through, in apply order. */
const firstNodeSteps: BootstrapScript[] = [
  clusterCreateScript({ clusterName: "lab", links: [{ link: 0, address: "10.0.10.11", priority: 20 }], nodeName: "pve1" }),
  clusterQuorumWaitScript(),
  qdeviceClientInstallScript(),
  qdeviceScript({ qnetdHost: "10.0.99.5" }),
  cephInstallScript({ repository: "no-subscription" }),
  cephInitScript({ publicNetwork: "10.0.20.0/24", clusterNetwork: "10.0.30.0/24" }),
  cephMonScript({ monAddress: "10.0.20.11", nodeName: "pve1" }),
  cephMgrScript({ nodeName: "pve1" }),
  cephMdsScript({ nodeName: "pve1" }),
  cephHealthWaitScript({ allowWarn: true }),
  cephOsdScript({ device: "/dev/sdb", deviceClass: "nvme" }),
  cephOsdScript({ device: "/dev/sdc", deviceClass: "nvme" }),
  cephCrushRuleScript({ ruleName: "fast", deviceClass: "nvme", failureDomain: "host" }),
  cephFsScript({ addStorage: true }),
  rbdStorageScript({ storageId: "ceph-vm", pool: "vmdata", content: ["images", "rootdir"] }),
];

test("a whole first-node bootstrap applied twice: every step changes something once, nothing the second time", () => {
  const node = new FakeNode({ hostname: "pve1" });
  try {
    const firstPass = firstNodeSteps.map((s) => {
      const r = node.run(s);
      expect({ step: s.step, status: r.status, stderr: r.stderr }).toEqual({ step: s.step, status: 0, stderr: "" });
      return changingCalls(r.calls).map((c) => c.slice(0, 3).join(" "));
    });
    expect(firstPass).toEqual([
      ["pvecm create lab"],
      [],
      ["apt-get -q update", "apt-get -q -y"],
      ["pvecm qdevice setup"],
      ["pveceph install --repository"],
      ["pveceph init --network"],
      ["pveceph mon create"],
      ["pveceph mgr create"],
      ["pveceph mds create"],
      [],
      ["pveceph osd create"],
      ["pveceph osd create"],
      ["ceph --connect-timeout 60"],
      ["pveceph fs create"],
      ["pvesm add rbd"],
    ]);

    for (const s of firstNodeSteps) {
      const r = node.run(s);
      expect({ step: s.step, status: r.status, changes: changingCalls(r.calls) }).toEqual({ step: s.step, status: 0, changes: [] });
    }
  } finally {
    node.remove();
  }
});
