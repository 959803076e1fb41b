/**
 * The cluster description, exactly as a user writes it in YAML/JSON (camelCase keys),
 * and exactly what the TypeScript constructs build. Both front doors produce a
 * `ClusterSpec`; `ClusterModel` (model.ts) wraps it with derived facts.
 *
 * Network references are by network *name*; guest references by VM/template *name*.
 * Optional fields document their default with `@default`.
 */

export const API_VERSION = "pvecdk/v1";

export type NetworkRole =
  | "management"
  | "corosync"
  | "ceph-public"
  | "ceph-cluster"
  | "migration"
  | "storage"
  | "guest";

export interface NetworkSpec {
  /** Name used by every reference in the spec (addresses, links, ceph, migration). */
  readonly name: string;
  /** What this network carries; a network may carry several roles (that is what rule C3/IP1 inspects). */
  readonly roles: readonly NetworkRole[];
  /** IPv4 or IPv6 CIDR, e.g. 10.10.10.0/24. */
  readonly cidr: string;
  /** Default gateway inside the CIDR (only one network per node should have one). */
  readonly gateway?: string;
  /** 802.1Q VLAN ID, 1–4094. */
  readonly vlan?: number;
  /** @default 1500 */
  readonly mtu?: number;
  /**
   * Identity of the physical network (switch/fabric) the network runs on. Two networks
   * with the same `physical` value share hardware, so they give no redundancy (C5) and
   * share bandwidth (C3).
   * @default the network's own name (a separate physical network)
   */
  readonly physical?: string;
  /** Link speed in Gbit/s, used by the bandwidth rules (CN3). */
  readonly bandwidthGbps?: number;
  /** Measured round-trip latency between nodes in ms, used by C1. */
  readonly latencyMs?: number;
  /** Traffic on this network cannot be seen by untrusted parties (allows insecure migration, M4). @default false */
  readonly private?: boolean;
}

export interface BondSpec {
  readonly name: string;
  readonly slaves: readonly string[];
  /** Linux bonding mode. @default "active-backup" */
  readonly mode?: "balance-rr" | "active-backup" | "balance-xor" | "broadcast" | "802.3ad" | "balance-tlb" | "balance-alb";
  /** LACP rate for 802.3ad; corosync over LACP needs "fast" (C9). @default "slow" */
  readonly lacpRate?: "slow" | "fast";
  readonly hashPolicy?: "layer2" | "layer2+3" | "layer3+4";
  readonly mtu?: number;
  /** Network (by name) whose node address is configured on this interface. */
  readonly network?: string;
}

export interface BridgeSpec {
  /** e.g. vmbr0 (B1). */
  readonly name: string;
  /** Physical NICs, bonds or VLAN interfaces attached to the bridge. */
  readonly ports?: readonly string[];
  /** @default false */
  readonly vlanAware?: boolean;
  /** VLAN IDs allowed on a VLAN-aware bridge. @default "2-4094" */
  readonly vids?: string;
  readonly mtu?: number;
  /** Network (by name) whose node address is configured on this bridge. */
  readonly network?: string;
  readonly comment?: string;
}

export interface VlanInterfaceSpec {
  /** `<iface>.<vid>`, e.g. eno1.50 (B2). */
  readonly name: string;
  readonly mtu?: number;
  /** Network (by name) whose node address is configured on this interface. */
  readonly network?: string;
}

export interface NodeInterfacesSpec {
  /** Physical NIC names present on the node, e.g. [eno1, eno2]. */
  readonly physical?: readonly string[];
  readonly bonds?: readonly BondSpec[];
  readonly bridges?: readonly BridgeSpec[];
  readonly vlans?: readonly VlanInterfaceSpec[];
}

export interface OsdSpec {
  /** Whole-disk device path, e.g. /dev/sdb (by-id paths recommended). */
  readonly device: string;
  /** CRUSH device class. @default detected by Ceph */
  readonly deviceClass?: "hdd" | "ssd" | "nvme";
  /** Size in GiB (for balance and memory rules). */
  readonly sizeGiB?: number;
  /** Separate DB/WAL device shared by OSDs (CD7). */
  readonly dbDevice?: string;
  /** Whether the disk sits behind a RAID controller (CD5 warns). @default false */
  readonly behindRaid?: boolean;
}

export interface NodeCephSpec {
  /** Run a Ceph monitor on this node. @default false */
  readonly mon?: boolean;
  /** Run a Ceph manager on this node. @default false */
  readonly mgr?: boolean;
  /** Run a CephFS metadata server on this node. @default false */
  readonly mds?: boolean;
  readonly osds?: readonly OsdSpec[];
}

export interface NodeSpec {
  /** Node hostname; final before clustering (N1). */
  readonly name: string;
  /** Free text, e.g. "PowerEdge R520". */
  readonly hardware?: string;
  /** PVE version installed, e.g. "9.0" (N4). */
  readonly pveVersion?: string;
  readonly cpu?: {
    readonly vendor?: "intel" | "amd";
    /** CPU model string; identical strings on all nodes allow cpu type `host` (M3). */
    readonly model?: string;
    readonly cores?: number;
  };
  readonly memoryGiB?: number;
  /** Address of this node on each network it joins: network name → IP (no prefix). */
  readonly addresses: Readonly<Record<string, string>>;
  readonly interfaces?: NodeInterfacesSpec;
  readonly ceph?: NodeCephSpec;
  /** Corosync votes. Anything but 1 is only for recovery (Q6). @default 1 */
  readonly votes?: number;
  /** Local PCI/USB passthrough devices present (H4/M1). */
  readonly passthroughDevices?: readonly string[];
  /**
   * Address the SSH bootstrap steps and the per-node provider use to reach this node.
   * @default the node's address on the management network
   */
  readonly sshHost?: string;
}

export interface CorosyncLinkSpec {
  /** Link number 0–7 (C4). */
  readonly id: number;
  /** Network (by name) that carries this link; every node needs an address on it. */
  readonly network: string;
  /** Higher wins (C6). @default 0 */
  readonly priority?: number;
}

export interface QDeviceSpec {
  /** Address of the external corosync-qnetd host (TCP 5403, Q4). */
  readonly host: string;
  /** Free text, e.g. a Raspberry Pi. */
  readonly description?: string;
}

export interface CorosyncSpec {
  /** @default "knet" */
  readonly transport?: "knet" | "udp" | "udpu";
  readonly links: readonly CorosyncLinkSpec[];
  readonly qdevice?: QDeviceSpec;
  /** votequorum two_node expert override (Q7). @default false */
  readonly twoNode?: boolean;
  /** Token coefficient in ms (C12). @default 125 */
  readonly tokenCoefficient?: number;
}

export interface PoolStorageSpec {
  /** Storage ID in storage.cfg. @default the pool name */
  readonly id?: string;
  /** @default ["images", "rootdir"] */
  readonly content?: readonly string[];
  /** Use KRBD. @default false */
  readonly krbd?: boolean;
}

export interface CephPoolSpec {
  /** Unique, immutable (P8). */
  readonly name: string;
  /** @default 3 */
  readonly size?: number;
  /** @default 2 */
  readonly minSize?: number;
  /** @default 128 */
  readonly pgNum?: number;
  /** @default "on" */
  readonly autoscaleMode?: "on" | "off" | "warn";
  readonly targetSizeRatio?: number;
  /** CRUSH failure domain. @default "host" */
  readonly failureDomain?: "host" | "osd" | "rack" | "chassis" | "datacenter";
  /** Restrict the pool to OSDs of one class. */
  readonly deviceClass?: "hdd" | "ssd" | "nvme";
  /** @default "rbd" */
  readonly application?: "rbd" | "cephfs" | "rgw";
  /** Erasure coding profile; without it the pool is replicated. */
  readonly erasureCoding?: { readonly k: number; readonly m: number };
  /** The PVE RBD storage backed by this pool; omit for a pool with no storage. */
  readonly storage?: PoolStorageSpec;
}

export interface CephSpec {
  /** Network (by name) carrying Ceph public traffic (CN1, required). */
  readonly publicNetwork: string;
  /** Network (by name) for OSD replication traffic; optional. */
  readonly clusterNetwork?: string;
  readonly pools?: readonly CephPoolSpec[];
  /**
   * Package repository `pveceph install` uses. Nodes without a Proxmox subscription
   * need "no-subscription".
   * @default "enterprise" (pveceph's own default)
   */
  readonly repository?: "enterprise" | "no-subscription" | "test";
  /** Ceph release code name installed on every Ceph node. @default "squid" */
  readonly version?: string;
  /** CephFS file systems (need MDS, CD8). */
  readonly fs?: readonly { readonly name: string; readonly storage?: string }[];
}

export type StorageType =
  | "dir"
  | "lvm"
  | "lvmthin"
  | "zfspool"
  | "btrfs"
  | "nfs"
  | "cifs"
  | "pbs"
  | "rbd"
  | "cephfs"
  | "iscsi"
  | "zfs";

export interface StorageSpec {
  /** Storage ID, unique (S5). */
  readonly id: string;
  readonly type: StorageType;
  /** iso, vztmpl, backup, images, rootdir, snippets, import (S6). */
  readonly content: readonly string[];
  /** Nodes where the storage is available. @default all nodes */
  readonly nodes?: readonly string[];
  /** Declares a local storage as shared (S2 errors when that is a lie). */
  readonly shared?: boolean;
  /** dir/btrfs: mount path. */
  readonly path?: string;
  /** nfs/cifs/pbs/iscsi server. */
  readonly server?: string;
  /** nfs export. */
  readonly export?: string;
  /** cifs share. */
  readonly share?: string;
  /** lvm/lvmthin volume group. */
  readonly vgName?: string;
  /** lvmthin thin pool. */
  readonly thinPool?: string;
  /** zfspool pool. */
  readonly zfsPool?: string;
  /** pbs datastore. */
  readonly datastore?: string;
  /** External Ceph: monitor hosts (S4). */
  readonly monhost?: readonly string[];
  /** External Ceph RBD pool. */
  readonly pool?: string;
  /** EC data pool for RBD (S4/P7). */
  readonly dataPool?: string;
  /** The storage ID is also used by another (named) cluster (N8). */
  readonly sharedWithCluster?: string;
}

export interface MigrationSpec {
  /** Network (by name) dedicated to migration traffic (M4/M5). */
  readonly network?: string;
  /** @default "secure" */
  readonly type?: "secure" | "insecure";
  /** Bandwidth limit in KiB/s (M6). */
  readonly bandwidthLimitKiBs?: number;
}

export interface HaSettingsSpec {
  /** datacenter.cfg ha shutdown_policy (H7). @default "conditional" */
  readonly shutdownPolicy?: "conditional" | "freeze" | "failover" | "migrate";
  /** CRS scheduler mode (H7). @default "basic" */
  readonly crs?: "basic" | "static" | "dynamic";
}

export interface CloudImageSpec {
  readonly name: string;
  readonly url: string;
  /** Pinning the checksum makes a rebuild fetch the same bits. */
  readonly checksum?: string;
  /** @default "sha256" */
  readonly checksumAlgorithm?: "md5" | "sha1" | "sha224" | "sha256" | "sha384" | "sha512";
  /** File-level storage that receives the download (must hold `import` or `iso` content). */
  readonly storage: string;
  /** Node that downloads the image. @default the first node */
  readonly node?: string;
  /** File name on the storage. @default the last path segment of the URL */
  readonly fileName?: string;
}

export interface NicSpec {
  /** Bridge name (must exist on every node the guest can run on, B5). */
  readonly bridge: string;
  readonly vlan?: number;
  /** @default "virtio" */
  readonly model?: "virtio" | "e1000" | "e1000e" | "rtl8139" | "vmxnet3";
  /** VirtIO only; ≤ bridge MTU; 1 = inherit (B3). */
  readonly mtu?: number;
  /** @default true */
  readonly firewall?: boolean;
}

export interface DiskSpec {
  /** e.g. scsi0, virtio0. @default "scsi0" for the first disk */
  readonly interface?: string;
  readonly storage: string;
  readonly sizeGiB: number;
}

export interface CloudInitSpec {
  readonly user?: string;
  readonly sshKeys?: readonly string[];
  /** Static IPv4 in CIDR notation, or "dhcp". */
  readonly ipv4?: string;
  readonly gateway?: string;
  readonly dns?: readonly string[];
  /** Storage for the cloud-init drive. @default the boot disk's storage */
  readonly storage?: string;
}

export interface GuestHaSpec {
  /** @default "started" */
  readonly state?: "started" | "stopped" | "ignored" | "disabled";
  /** @default 1 */
  readonly maxRestart?: number;
  /** @default 1 */
  readonly maxRelocate?: number;
}

export interface TemplateSpec {
  readonly name: string;
  /** Fixed VMID (V1/V2/V4). */
  readonly vmid: number;
  /** Node that holds the template. */
  readonly node: string;
  /** Cloud image (by name) imported as the boot disk. */
  readonly image: string;
  /** Storage of the template's disks; shared storage lets clones land on any node (T3). */
  readonly storage: string;
  /** @default 2 */
  readonly cores?: number;
  /** MiB. @default 2048 */
  readonly memoryMiB?: number;
  /** @default 20 */
  readonly diskGiB?: number;
  /** @default [{ bridge: "vmbr0" }] */
  readonly nics?: readonly NicSpec[];
  /** CPU type. @default "x86-64-v2-AES" (or "host" when all nodes declare identical CPUs) */
  readonly cpuType?: string;
  /** @default true */
  readonly agent?: boolean;
}

export interface VmSpec {
  readonly name: string;
  /** Fixed VMID (V1/V2/V4). */
  readonly vmid: number;
  /** Preferred node (a placement preference when the VM is under HA, H8). */
  readonly node: string;
  /** Template (by name) to clone; omit for a VM built from scratch. */
  readonly template?: string;
  /** @default "full" */
  readonly clone?: "linked" | "full";
  /** Target storage of the clone's disks (T2: not with linked clones). */
  readonly storage?: string;
  readonly cores?: number;
  readonly memoryMiB?: number;
  readonly cpuType?: string;
  readonly disks?: readonly DiskSpec[];
  readonly nics?: readonly NicSpec[];
  readonly cloudInit?: CloudInitSpec;
  /** Put the VM under HA. */
  readonly ha?: GuestHaSpec;
  /** Local PCI/USB devices passed through (H4/M1). */
  readonly passthrough?: readonly string[];
  /** @default true */
  readonly started?: boolean;
  /** @default false */
  readonly onBoot?: boolean;
  readonly tags?: readonly string[];
}

export interface NodeAffinityRuleSpec {
  readonly name: string;
  readonly type: "node-affinity";
  /** Guests (by VM name). */
  readonly resources: readonly string[];
  /** Node name → priority (higher preferred). */
  readonly nodes: Readonly<Record<string, number>>;
  /** @default false */
  readonly strict?: boolean;
}

export interface ResourceAffinityRuleSpec {
  readonly name: string;
  readonly type: "resource-affinity";
  readonly resources: readonly string[];
  readonly affinity: "positive" | "negative";
}

export type HaRuleSpec = NodeAffinityRuleSpec | ResourceAffinityRuleSpec;

export type BackendSpec =
  | { readonly type: "local"; readonly path?: string }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region?: string;
      /** S3-compatible endpoint (MinIO, Ceph RGW). */
      readonly endpoint?: string;
      readonly usePathStyle?: boolean;
    }
  | { readonly type: "http"; readonly address: string; readonly lockAddress?: string; readonly unlockAddress?: string }
  | { readonly type: "pg"; readonly schemaName?: string };

export interface AcknowledgementSpec {
  /** Rule ID from the catalog, e.g. "CD1". */
  readonly rule: string;
  /** Why the owner accepts the risk; shown in reports. */
  readonly reason: string;
}

export interface ClusterBodySpec {
  /** Cluster name: unique on the network, immutable (N2). */
  readonly name: string;
  readonly networks: readonly NetworkSpec[];
  readonly nodes: readonly NodeSpec[];
  readonly corosync: CorosyncSpec;
  readonly ceph?: CephSpec;
  readonly storages?: readonly StorageSpec[];
  readonly migration?: MigrationSpec;
  readonly ha?: HaSettingsSpec;
  readonly images?: readonly CloudImageSpec[];
  readonly templates?: readonly TemplateSpec[];
  readonly vms?: readonly VmSpec[];
  readonly haRules?: readonly HaRuleSpec[];
  /** VMID auto-allocation hint range (V3). */
  readonly nextId?: { readonly lower?: number; readonly upper?: number };
  readonly backend?: BackendSpec;
  /**
   * Stateful resources (pools, storages, templates, cluster steps) get prevent_destroy.
   * @default true
   */
  readonly preventDestroy?: boolean;
  readonly acknowledge?: readonly AcknowledgementSpec[];
}

/** The whole document. */
export interface ClusterSpec {
  readonly apiVersion: typeof API_VERSION;
  readonly kind: "Cluster";
  readonly spec: ClusterBodySpec;
}
