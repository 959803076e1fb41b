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
  clusterJoinScript,
  clusterQuorumWaitScript,
  qdeviceClientInstallScript,
  qdeviceScript,
  qnetdInstallScript,
  rbdStorageScript,
} from "../../lib/bootstrap";

export const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, "0")).join(":");

/** Values that are valid but need quoting: quotes, spaces, `$()`, backticks, backslashes. */
export const ODD_DEVICE = "/dev/disk/by-id/wwn-0x5000 'odd' $(reboot) `id` \\x20 ${PATH}";
export const ODD_POOL = "vm's$(pool)`x`\"q\"${HOME}%{if}";

/**
 * Every generator with its options filled in, in both plain and awkward
 * variants: the shellcheck test lints each one.
 */
export function catalog(): BootstrapScript[] {
  return [
    clusterCreateScript({ clusterName: "lab", links: [{ link: 0, address: "10.0.10.11" }] }),
    clusterCreateScript({
      clusterName: "lab",
      links: [
        { link: 1, address: "192.168.10.11", priority: 10 },
        { link: 0, address: "10.0.10.11", priority: 20 },
      ],
      nodeId: 1,
      tokenCoefficient: 125,
      nodeName: "pve1",
    }),
    clusterJoinScript({ clusterName: "lab", existingNode: "10.0.10.11", links: [{ link: 0, address: "10.0.10.12" }], nodeName: "pve2" }),
    clusterJoinScript({
      clusterName: "lab",
      existingNode: "pve1.lab.example",
      links: [
        { link: 0, address: "fd00:10::12" },
        { link: 1, address: "192.168.10.12" },
      ],
      nodeName: "pve2",
      nodeId: 2,
      auth: { method: "password", fingerprint: FINGERPRINT },
    }),
    clusterQuorumWaitScript(),
    clusterQuorumWaitScript({ expectedNodes: 3, timeoutSeconds: 60 }),
    qdeviceClientInstallScript(),
    qnetdInstallScript(),
    qdeviceScript({ qnetdHost: "10.0.99.5" }),
    qdeviceScript({ qnetdHost: "fd00:99::5", network: "fd00:99::/64" }),
    cephInstallScript(),
    cephInstallScript({ repository: "no-subscription", version: "tentacle", allowExperimental: true }),
    cephInitScript({ publicNetwork: "10.0.20.0/24" }),
    cephInitScript({ publicNetwork: "10.0.20.0/24", clusterNetwork: "10.0.30.0/24" }),
    cephMonScript({ monAddress: "10.0.20.11", nodeName: "pve1" }),
    cephMgrScript({ nodeName: "pve1" }),
    cephMdsScript({ nodeName: "pve1" }),
    cephMdsScript({ nodeName: "pve1", hotStandby: true }),
    cephOsdScript({ device: "/dev/sdb" }),
    cephOsdScript({ device: ODD_DEVICE, deviceClass: "nvme", dbDevice: "/dev/disk/by-id/nvme-db 'x'" }),
    cephCrushRuleScript({ ruleName: "fast", deviceClass: "nvme", failureDomain: "host" }),
    cephCrushRuleScript({ ruleName: "cold.rack", deviceClass: "hdd", failureDomain: "rack", root: "site-a" }),
    cephFsScript(),
    cephFsScript({ name: "fs$(x)'y'", pgNum: 64, addStorage: true }),
    cephHealthWaitScript(),
    cephHealthWaitScript({ allowWarn: true, timeoutSeconds: 30 }),
    rbdStorageScript({ storageId: "ceph-vm", pool: "vmdata", content: ["images"] }),
    rbdStorageScript({ storageId: "ceph-vm", pool: ODD_POOL, content: ["rootdir", "images"], krbd: true, nodes: ["pve1", "pve2"] }),
  ];
}
