import { ClusterSpec, NodeSpec, VmSpec } from "../lib/model/spec-types";

export interface GeneratedSize {
  readonly nodes: number;
  readonly vms: number;
}

/**
 * A realistic split-network cluster of any size, for benchmarks: 5 role networks,
 * 3 MON/MGR nodes, 4 OSDs per node, one template, VMs spread round-robin with fixed
 * VMIDs and static IPs, every 10th VM under HA. It validates without errors.
 */
export function generateClusterSpec(size: GeneratedSize): ClusterSpec {
  if (size.nodes < 3 || size.nodes > 250) throw new Error("generateClusterSpec: nodes must be 3..250");
  if (size.vms > 60000) throw new Error("generateClusterSpec: vms must be ≤ 60000");
  const nodes: NodeSpec[] = [];
  for (let i = 1; i <= size.nodes; i++) {
    nodes.push({
      name: `pve${i}`,
      pveVersion: "9.0",
      cpu: { vendor: "amd", model: "EPYC 9354", cores: 64 },
      memoryGiB: 512,
      addresses: {
        mgmt: `10.1.0.${i}`,
        corosync: `10.2.0.${i}`,
        "ceph-public": `10.3.0.${i}`,
        "ceph-cluster": `10.4.0.${i}`,
        migration: `10.5.0.${i}`,
      },
      interfaces: {
        physical: ["eno1", "eno2", "ens1f0", "ens1f1"],
        bridges: [{ name: "vmbr0", ports: ["eno1"], vlanAware: true, network: "mgmt" }],
        vlans: [
          { name: "eno2.10", network: "corosync" },
          { name: "ens1f0.20", network: "ceph-public", mtu: 9000 },
          { name: "ens1f1.30", network: "ceph-cluster", mtu: 9000 },
          { name: "eno1.40", network: "migration" },
        ],
      },
      ceph: {
        mon: i <= 3,
        mgr: i <= 3,
        osds: ["a", "b", "c", "d"].map((d) => ({
          device: `/dev/disk/by-id/nvme-node${i}-${d}`,
          deviceClass: "nvme" as const,
          sizeGiB: 3800,
        })),
      },
    });
  }

  const vms: VmSpec[] = [];
  for (let i = 0; i < size.vms; i++) {
    const node = nodes[i % nodes.length].name;
    const host = i + 10;
    vms.push({
      name: `vm${i + 1}`,
      vmid: 1000 + i,
      node,
      template: "ubuntu-2404",
      clone: "full",
      cores: 2,
      memoryMiB: 2048,
      nics: [{ bridge: "vmbr0" }],
      cloudInit: {
        user: "ops",
        ipv4: `10.100.${Math.floor(host / 250)}.${(host % 250) + 1}/16`,
        gateway: "10.100.0.1",
      },
      ...(i % 10 === 0 ? { ha: { state: "started" as const } } : {}),
    });
  }

  return {
    apiVersion: "pvecdk/v1",
    kind: "Cluster",
    spec: {
      name: "bench",
      networks: [
        { name: "mgmt", roles: ["management"], cidr: "10.1.0.0/16", gateway: "10.1.0.254", physical: "switch-a", bandwidthGbps: 10 },
        { name: "corosync", roles: ["corosync"], cidr: "10.2.0.0/16", vlan: 10, physical: "switch-b", bandwidthGbps: 1, latencyMs: 0.2 },
        { name: "ceph-public", roles: ["ceph-public"], cidr: "10.3.0.0/16", vlan: 20, mtu: 9000, physical: "fabric-a", bandwidthGbps: 25 },
        { name: "ceph-cluster", roles: ["ceph-cluster"], cidr: "10.4.0.0/16", vlan: 30, mtu: 9000, physical: "fabric-b", bandwidthGbps: 25 },
        { name: "migration", roles: ["migration"], cidr: "10.5.0.0/16", vlan: 40, physical: "switch-a", bandwidthGbps: 10 },
        { name: "guests", roles: ["guest"], cidr: "10.100.0.0/16", physical: "switch-a", bandwidthGbps: 10 },
      ],
      nodes,
      corosync: {
        links: [
          { id: 0, network: "corosync", priority: 20 },
          { id: 1, network: "mgmt", priority: 10 },
        ],
      },
      ceph: {
        publicNetwork: "ceph-public",
        clusterNetwork: "ceph-cluster",
        pools: [{ name: "vmdata", size: 3, minSize: 2, autoscaleMode: "on", storage: { id: "ceph-vm" } }],
      },
      storages: [
        { id: "local", type: "dir", path: "/var/lib/vz", content: ["iso", "vztmpl", "backup", "import", "snippets"] },
      ],
      migration: { network: "migration", type: "secure" },
      ha: { shutdownPolicy: "migrate", crs: "static" },
      images: [
        {
          name: "noble",
          url: "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img",
          checksum: "5c3ddb00f60bc455dac0862fabe9d8bacec46c33ac1751143c5c3683404b110d",
          checksumAlgorithm: "sha256",
          storage: "local",
          node: "pve1",
          fileName: "noble-server-cloudimg-amd64.qcow2",
        },
      ],
      templates: [{ name: "ubuntu-2404", vmid: 900, node: "pve1", image: "noble", storage: "ceph-vm", nics: [{ bridge: "vmbr0" }] }],
      vms,
    },
  };
}
