// The TypeScript twin of examples/seed-split-network.yaml: the same two-server homelab, written
// with pvecdk's constructs instead of YAML. A test holds both to byte-identical Terraform JSON.
// Why each choice was made is explained in the YAML file's comments; this file shows the API.
//
//   npx ts-node examples/split-network.ts     # writes cdktf.out/stacks/homelab/cdk.tf.json
import { App } from "cdktn";
import { Construct } from "constructs";
import { ProxmoxCluster } from "../constructs";
import { CLUSTER_CONSTRUCT_ID, ClusterStack } from "../stacks/cluster-stack";

const OPS_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHomelabExampleKeyReplaceWithYourOwn00 ops@homelab";

/** Builds the homelab cluster stack in `scope`. */
export function splitNetworkCluster(scope: Construct): ClusterStack {
  const stack = new ClusterStack(scope, "homelab");
  const cluster = new ProxmoxCluster(stack, CLUSTER_CONSTRUCT_ID, {
    name: "homelab",
    migration: { network: "migration", type: "secure" },
    ha: { shutdownPolicy: "migrate", crs: "static" },
    nextId: { lower: 100, upper: 10000 },
  });

  // One network per kind of traffic.
  const lan = cluster.addNetwork({ name: "lan", roles: ["management", "guest"], cidr: "192.168.1.0/24", gateway: "192.168.1.1", physical: "home-switch", bandwidthGbps: 1 });
  const corosync = cluster.addNetwork({ name: "corosync", roles: ["corosync"], cidr: "10.10.10.0/24", vlan: 10, physical: "corosync-switch", bandwidthGbps: 1, latencyMs: 0.2 });
  const cephPublic = cluster.addNetwork({ name: "ceph-public", roles: ["ceph-public"], cidr: "10.10.20.0/24", vlan: 20, mtu: 9000, physical: "dac-a", bandwidthGbps: 10 });
  const cephCluster = cluster.addNetwork({ name: "ceph-cluster", roles: ["ceph-cluster"], cidr: "10.10.30.0/24", vlan: 30, mtu: 9000, physical: "dac-b", bandwidthGbps: 10 });
  const migration = cluster.addNetwork({ name: "migration", roles: ["migration"], cidr: "10.10.40.0/24", vlan: 40, mtu: 9000, physical: "dac-a", bandwidthGbps: 10 });

  // Both servers are cabled the same way; only their hardware and addresses differ.
  const servers = [
    { name: "r520", hardware: "Dell PowerEdge R520 (PERC H310 in HBA mode, Intel X520-DA2)", cpu: { vendor: "intel", model: "Xeon E5-2450", cores: 8 }, memoryGiB: 96, host: 11, disk: "S6PTNM0R1000" },
    { name: "pe2950", hardware: "Dell PowerEdge 2950 III (SAS 6/iR HBA, Intel X520-DA2)", cpu: { vendor: "intel", model: "Xeon X5460", cores: 4 }, memoryGiB: 32, host: 12, disk: "S6PTNM0R2000" },
  ] as const;
  for (const s of servers) {
    cluster
      .addNode(s.name, {
        hardware: s.hardware,
        pveVersion: "9.0",
        cpu: s.cpu,
        memoryGiB: s.memoryGiB,
        addresses: {
          lan: `192.168.1.${s.host}`,
          corosync: `10.10.10.${s.host}`,
          "ceph-public": `10.10.20.${s.host}`,
          "ceph-cluster": `10.10.30.${s.host}`,
          migration: `10.10.40.${s.host}`,
        },
        interfaces: { physical: ["eno1", "eno2", "ens1f0", "ens1f1"] },
        ceph: { mon: true, mgr: true },
      })
      .addBridge({ name: "vmbr0", ports: ["eno1"], vlanAware: true, network: lan.name, comment: "LAN and guests" })
      .addVlan("eno2.10", { network: corosync })
      .addVlan("ens1f0.20", { network: cephPublic, mtu: 9000 })
      .addVlan("ens1f1.30", { network: cephCluster, mtu: 9000 })
      .addVlan("ens1f0.40", { network: migration, mtu: 9000 })
      .addOsd(`/dev/disk/by-id/ata-Samsung_SSD_870_EVO_1TB_${s.disk}01`, { deviceClass: "ssd", sizeGiB: 931 })
      .addOsd(`/dev/disk/by-id/ata-Samsung_SSD_870_EVO_1TB_${s.disk}02`, { deviceClass: "ssd", sizeGiB: 931 });
  }

  cluster.corosync
    .addLink(0, corosync, { priority: 20 })
    .addLink(1, lan, { priority: 10 })
    .useQDevice({ host: "192.168.1.5", description: "Raspberry Pi 4 running corosync-qnetd" });

  cluster.enableCeph({ repository: "no-subscription", publicNetwork: cephPublic, clusterNetwork: cephCluster });
  cluster.addPool("vm-pool", { size: 2, minSize: 2, autoscaleMode: "on", storage: { id: "ceph-vm" } });

  cluster.addStorage("local", { type: "dir", path: "/var/lib/vz", content: ["iso", "vztmpl", "backup", "import", "snippets"] });
  cluster.addStorage("local-lvm", { type: "lvmthin", vgName: "pve", thinPool: "data", content: ["images", "rootdir"] });

  const noble = cluster.addCloudImage("noble", {
    url: "https://cloud-images.ubuntu.com/releases/noble/release-20250805/ubuntu-24.04-server-cloudimg-amd64.img",
    checksum: "8f2f4d6e1c0a3b5d7e9f1a2c4b6d8e0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b",
    checksumAlgorithm: "sha256",
    storage: "local",
    node: "r520",
    fileName: "ubuntu-24.04-server-cloudimg-amd64.qcow2",
  });
  const ubuntu = cluster.addTemplate("ubuntu-2404", {
    vmid: 9000,
    node: "r520",
    image: noble.name,
    storage: "ceph-vm",
    cores: 2,
    memoryMiB: 2048,
    diskGiB: 20,
    nics: [{ bridge: "vmbr0" }],
    cpuType: "Penryn",
  });

  const cloudInit = (ipv4: string, dns: string[]) => ({ user: "ops", sshKeys: [OPS_KEY], ipv4, gateway: "192.168.1.1", dns });
  const dns1 = ubuntu.cloneTo("dns1", { vmid: 101, node: "r520", clone: "linked", cores: 1, memoryMiB: 1024, cloudInit: cloudInit("192.168.1.21/24", ["192.168.1.1"]), onBoot: true, tags: ["dns"] });
  const dns2 = ubuntu.cloneTo("dns2", { vmid: 102, node: "pe2950", clone: "linked", cores: 1, memoryMiB: 1024, cloudInit: cloudInit("192.168.1.22/24", ["192.168.1.1"]), onBoot: true, tags: ["dns"] });
  const web1 = ubuntu.cloneTo("web1", {
    vmid: 110,
    node: "r520",
    clone: "full",
    storage: "ceph-vm",
    cores: 4,
    memoryMiB: 8192,
    cloudInit: cloudInit("192.168.1.30/24", ["192.168.1.21", "192.168.1.22"]),
    tags: ["web"],
  });
  for (const vm of [dns1, dns2, web1]) vm.protectWithHa({ state: "started" });

  cluster.addHaRule("web-prefers-r520", { type: "node-affinity", resources: [web1.name], nodes: { r520: 2, pe2950: 1 } });
  cluster.keepApart("dns-apart", [dns1, dns2]);

  cluster
    .acknowledge("CD1", "Two servers is what the homelab has; a third node is planned, and until then a Ceph outage during maintenance of either server is accepted.")
    .acknowledge("CD2", "Only two hosts can run a MON (the QDevice is not a Ceph host); with one server down Ceph pauses until it is back, which the pool's min_size 2 already implies.")
    .acknowledge("CD3", "The two MONs are the same two servers as above; an odd count needs the third node.")
    .acknowledge("P3", "size 2 / min_size 2 keeps every write on both servers; pausing I/O while one is down is preferred to running on a single copy.")
    .acknowledge("CD5", "Four SSDs over two servers is far below the dozen OSDs on three nodes Ceph prefers; recovery after a disk failure is slow, which is acceptable for a homelab.");
  return stack;
}

if (require.main === module) {
  process.env.CDKTN_DISABLE_CREATION_STACK ??= "1";
  const app = new App({ stackTraces: false });
  splitNetworkCluster(app);
  app.synth();
}
