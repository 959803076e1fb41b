import {
  CephPoolSpec,
  ClusterBodySpec,
  ClusterSpec,
  CorosyncLinkSpec,
  NetworkRole,
  NetworkSpec,
  NicSpec,
  NodeAffinityRuleSpec,
  NodeSpec,
  StorageSpec,
  StorageType,
  TemplateSpec,
  VmSpec,
} from "./spec-types";
import { Cidr, parseCidr } from "./net";
import { pointer } from "./findings";

/** Storage types whose contents every node sees (S1, pvesm storage table). */
export const SHARED_STORAGE_TYPES: ReadonlySet<StorageType> = new Set<StorageType>([
  "rbd",
  "cephfs",
  "nfs",
  "cifs",
  "pbs",
  "iscsi",
  "zfs",
]);

/**
 * Content types each storage type can hold (S6, pvesm storage chapter): file-level
 * storages hold everything; block storages only guest volumes; CephFS no guest volumes.
 */
export const STORAGE_CONTENT_TYPES: Readonly<Record<StorageType, readonly string[]>> = {
  dir: ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"],
  nfs: ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"],
  cifs: ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"],
  btrfs: ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"],
  cephfs: ["vztmpl", "iso", "backup", "snippets", "import"],
  zfspool: ["images", "rootdir"],
  lvm: ["images", "rootdir"],
  lvmthin: ["images", "rootdir"],
  rbd: ["images", "rootdir"],
  iscsi: ["images"],
  zfs: ["images"],
  pbs: ["backup"],
};

/** Ceph pool settings with every default applied (P1). */
export interface ResolvedPool {
  readonly spec: CephPoolSpec;
  readonly index: number;
  readonly name: string;
  readonly size: number;
  readonly minSize: number;
  readonly pgNum: number;
  readonly autoscaleMode: "on" | "off" | "warn";
  readonly failureDomain: "host" | "osd" | "rack" | "chassis" | "datacenter";
  readonly application: "rbd" | "cephfs" | "rgw";
  /** The RBD storage ID this pool backs, if any. */
  readonly storageId?: string;
}

export interface QuorumMath {
  readonly nodeVotes: number;
  readonly qdeviceVotes: number;
  readonly expectedVotes: number;
  readonly quorum: number;
  /** Votes that can be lost while keeping quorum. */
  readonly toleratedVotes: number;
  /** Whole nodes (of one vote each) that can fail while keeping quorum. */
  readonly toleratedNodeFailures: number;
}

export interface PoolSurvivability {
  readonly pool: string;
  readonly size: number;
  readonly minSize: number;
  /** Distinct failure-domain hosts that hold OSDs usable by the pool. */
  readonly hostsWithOsds: number;
  /** Hosts that can be down while the pool keeps serving I/O (≥ minSize replicas left). */
  readonly hostFailuresTolerated: number;
  /** size > hosts: PGs can never be fully placed (P4). */
  readonly permanentlyDegraded: boolean;
}

/** A template or VM: they share one VMID space (V2). */
export type Guest =
  | { readonly kind: "template"; readonly spec: TemplateSpec; readonly index: number; readonly path: string }
  | { readonly kind: "vm"; readonly spec: VmSpec; readonly index: number; readonly path: string };
export type TemplateGuest = Extract<Guest, { kind: "template" }>;
export type VmGuest = Extract<Guest, { kind: "vm" }>;

/** One storage a guest's volumes live on, and the spec field that puts them there. */
export interface GuestStorageRef {
  readonly storage: string;
  /** JSON pointer of the field that decides the storage. */
  readonly path: string;
  /** Which volume, in words, e.g. "disk scsi1" or "cloud-init drive". */
  readonly what: string;
  /** The storage comes from the clone's template (problems with the storage itself show at the template). */
  readonly inherited?: boolean;
}

/** One NIC of a guest; `inherited` when a clone takes it from its template (then `path` points into the template). */
export interface GuestNic {
  readonly nic: NicSpec;
  readonly path: string;
  readonly inherited: boolean;
}

/**
 * The cluster as plain data plus derived facts. No I/O, no cdktn: rules,
 * constructs and the plan review all read the same model.
 */
export class ClusterModel {
  readonly body: ClusterBodySpec;
  readonly name: string;
  readonly nodes: readonly NodeSpec[];
  readonly networks: readonly NetworkSpec[];
  private readonly networkByName = new Map<string, NetworkSpec>();
  private readonly nodeIndex = new Map<string, number>();
  private readonly networkIndex = new Map<string, number>();
  private readonly cidrCache = new Map<string, Cidr | undefined>();
  private guestCache?: Guest[];
  private storageIndexCache?: Map<string, StorageSpec>;
  private templateIndexCache?: Map<string, TemplateGuest>;
  private vmIndexCache?: Map<string, VmGuest>;
  private nodeAffinityCache?: Map<string, { rule: NodeAffinityRuleSpec; index: number }>;

  constructor(readonly spec: ClusterSpec) {
    this.body = spec.spec;
    this.name = this.body.name;
    this.nodes = this.body.nodes ?? [];
    this.networks = this.body.networks ?? [];
    this.networks.forEach((n, i) => {
      if (!this.networkByName.has(n.name)) {
        this.networkByName.set(n.name, n);
        this.networkIndex.set(n.name, i);
      }
    });
    this.nodes.forEach((n, i) => {
      if (!this.nodeIndex.has(n.name)) this.nodeIndex.set(n.name, i);
    });
  }

  // ---- lookups -----------------------------------------------------------

  network(name: string): NetworkSpec | undefined {
    return this.networkByName.get(name);
  }

  node(name: string): NodeSpec | undefined {
    const i = this.nodeIndex.get(name);
    return i === undefined ? undefined : this.nodes[i];
  }

  /** Parsed CIDR of a network (undefined when the network is unknown or its CIDR invalid). */
  cidrOf(networkName: string): Cidr | undefined {
    if (!this.cidrCache.has(networkName)) {
      const net = this.network(networkName);
      this.cidrCache.set(networkName, net ? parseCidr(net.cidr) : undefined);
    }
    return this.cidrCache.get(networkName);
  }

  networksWithRole(role: NetworkRole): NetworkSpec[] {
    return this.networks.filter((n) => n.roles.includes(role));
  }

  /** The physical network identity (C5): explicit `physical`, else the network's own name. */
  physicalOf(networkName: string): string {
    return this.network(networkName)?.physical ?? networkName;
  }

  /** A node's IP on a network, if it declares one. */
  addressOf(nodeName: string, networkName: string): string | undefined {
    return this.node(nodeName)?.addresses?.[networkName];
  }

  /** Nodes that declare an address on the network. */
  nodesOnNetwork(networkName: string): NodeSpec[] {
    return this.nodes.filter((n) => n.addresses?.[networkName] !== undefined);
  }

  /** Where SSH steps and the per-node provider reach a node (management address unless overridden). */
  sshHostOf(node: NodeSpec): string | undefined {
    if (node.sshHost) return node.sshHost;
    const mgmt = this.networksWithRole("management")[0];
    return mgmt ? node.addresses?.[mgmt.name] : undefined;
  }

  /** The node that creates the cluster; all others join it, in spec order. */
  get firstNode(): NodeSpec | undefined {
    return this.nodes[0];
  }

  // ---- corosync and quorum -----------------------------------------------

  /** Links sorted by the order corosync prefers them: higher priority, then lower link number (C6). */
  linksByPreference(): CorosyncLinkSpec[] {
    return [...(this.body.corosync?.links ?? [])].sort(
      (a, b) => (b.priority ?? 0) - (a.priority ?? 0) || a.id - b.id,
    );
  }

  /** The link that carries corosync traffic while it is up. */
  primaryLink(): CorosyncLinkSpec | undefined {
    return this.linksByPreference()[0];
  }

  /** JSON pointer of a corosync link (or one of its fields), by its position in `corosync.links`. */
  linkPath(link: CorosyncLinkSpec, ...rest: (string | number)[]): string {
    const index = (this.body.corosync?.links ?? []).indexOf(link);
    return pointer("spec", "corosync", "links", Math.max(index, 0), ...rest);
  }

  hasQDevice(): boolean {
    return this.body.corosync?.qdevice !== undefined;
  }

  /** votequorum math (Q1). A QDevice adds 1 vote on even node counts and N−1 on odd ones (Q3). */
  quorum(withQDevice: boolean = this.hasQDevice()): QuorumMath {
    const nodeVotes = this.nodes.reduce((sum, n) => sum + (n.votes ?? 1), 0);
    const n = this.nodes.length;
    const qdeviceVotes = withQDevice ? (n % 2 === 0 ? 1 : Math.max(n - 1, 1)) : 0;
    const expectedVotes = nodeVotes + qdeviceVotes;
    const quorum = Math.floor(expectedVotes / 2) + 1;
    const toleratedVotes = Math.max(expectedVotes - quorum, 0);
    // Node failures: remove the nodes one vote at a time while the rest still reach quorum.
    const votes = this.nodes.map((node) => node.votes ?? 1).sort((a, b) => b - a);
    let remaining = expectedVotes;
    let toleratedNodeFailures = 0;
    for (const v of votes) {
      if (remaining - v < quorum) break;
      remaining -= v;
      toleratedNodeFailures++;
    }
    return { nodeVotes, qdeviceVotes, expectedVotes, quorum, toleratedVotes, toleratedNodeFailures };
  }

  // ---- Ceph ----------------------------------------------------------------

  cephEnabled(): boolean {
    return this.body.ceph !== undefined;
  }

  monNodes(): NodeSpec[] {
    return this.nodes.filter((n) => n.ceph?.mon);
  }

  mgrNodes(): NodeSpec[] {
    return this.nodes.filter((n) => n.ceph?.mgr);
  }

  osdNodes(deviceClass?: string): NodeSpec[] {
    return this.nodes.filter((n) =>
      (n.ceph?.osds ?? []).some((o) => deviceClass === undefined || o.deviceClass === deviceClass),
    );
  }

  osdCount(): number {
    return this.nodes.reduce((sum, n) => sum + (n.ceph?.osds?.length ?? 0), 0);
  }

  /** Nodes taking part in Ceph (any daemon or OSD). */
  cephNodes(): NodeSpec[] {
    return this.nodes.filter((n) => n.ceph && (n.ceph.mon || n.ceph.mgr || n.ceph.mds || (n.ceph.osds?.length ?? 0) > 0));
  }

  pools(): ResolvedPool[] {
    return (this.body.ceph?.pools ?? []).map((spec, index) => {
      const size = spec.size ?? (spec.erasureCoding ? spec.erasureCoding.k + spec.erasureCoding.m : 3);
      const ec = spec.erasureCoding;
      const defaultMin = ec ? (ec.m > 1 ? ec.k + 1 : ec.k) : 2;
      return {
        spec,
        index,
        name: spec.name,
        size,
        minSize: spec.minSize ?? defaultMin,
        pgNum: spec.pgNum ?? 128,
        autoscaleMode: spec.autoscaleMode ?? "on",
        failureDomain: spec.failureDomain ?? "host",
        application: spec.application ?? "rbd",
        storageId: spec.storage ? (spec.storage.id ?? spec.name) : undefined,
      };
    });
  }

  poolSurvivability(): PoolSurvivability[] {
    return this.pools().map((p) => {
      const hosts = this.osdNodes(p.spec.deviceClass).length;
      const placed = Math.min(p.size, hosts);
      return {
        pool: p.name,
        size: p.size,
        minSize: p.minSize,
        hostsWithOsds: hosts,
        hostFailuresTolerated: Math.max(placed - p.minSize, 0),
        permanentlyDegraded: p.failureDomain === "host" && p.size > hosts,
      };
    });
  }

  // ---- storage ---------------------------------------------------------------

  /** Declared storages plus the RBD storages that pools create. */
  storageIds(): string[] {
    const ids = (this.body.storages ?? []).map((s) => s.id);
    for (const p of this.pools()) if (p.storageId) ids.push(p.storageId);
    return ids;
  }

  storage(id: string): StorageSpec | undefined {
    const declared = (this.body.storages ?? []).find((s) => s.id === id);
    if (declared) return declared;
    const pool = this.pools().find((p) => p.storageId === id);
    if (!pool) return undefined;
    return { id, type: "rbd", content: pool.spec.storage?.content ?? ["images", "rootdir"], pool: pool.name };
  }

  /** Whether a storage's contents are reachable from every node it is defined on (S1). */
  isSharedStorage(id: string): boolean {
    const s = this.storage(id);
    return s !== undefined && SHARED_STORAGE_TYPES.has(s.type);
  }

  /** Nodes where a storage is defined (all nodes unless restricted). */
  storageNodes(id: string): string[] {
    const s = this.storage(id);
    if (!s) return [];
    return s.nodes ? [...s.nodes] : this.nodes.map((n) => n.name);
  }

  // ---- guests ------------------------------------------------------------------

  guests(): Guest[] {
    // Built once: many rules walk every guest, and 10,000 VMs' pointers are not free.
    if (!this.guestCache) {
      const out: Guest[] = [];
      (this.body.templates ?? []).forEach((spec, index) =>
        out.push({ kind: "template", spec, index, path: pointer("spec", "templates", index) }),
      );
      (this.body.vms ?? []).forEach((spec, index) =>
        out.push({ kind: "vm", spec, index, path: pointer("spec", "vms", index) }),
      );
      this.guestCache = out;
    }
    return [...this.guestCache];
  }

  template(name: string): TemplateSpec | undefined {
    return (this.body.templates ?? []).find((t) => t.name === name);
  }

  vm(name: string): VmSpec | undefined {
    return (this.body.vms ?? []).find((v) => v.name === name);
  }

  /** VMID → guests using it (more than one is a V2 conflict). */
  vmidMap(): Map<number, Guest[]> {
    const map = new Map<number, Guest[]>();
    for (const g of this.guests()) {
      const list = map.get(g.spec.vmid);
      if (list) list.push(g);
      else map.set(g.spec.vmid, [g]);
    }
    return map;
  }

  /**
   * Nodes a VM may run on: its own node, plus, when it is under HA, every node its
   * node-affinity rule allows (all nodes when no such rule exists).
   */
  candidateNodes(vm: VmSpec): string[] {
    if (!vm.ha) return [vm.node];
    const rule = this.nodeAffinityRuleOf(vm.name)?.rule;
    if (rule) {
      const allowed = Object.keys(rule.nodes);
      return rule.strict ? allowed : this.nodes.map((n) => n.name);
    }
    return this.nodes.map((n) => n.name);
  }

  /** True when every node declares the same CPU vendor and model (cpu type `host` is then safe, M3). */
  identicalCpus(): boolean {
    if (this.nodes.length === 0) return false;
    const first = this.nodes[0].cpu;
    if (!first?.model || !first.vendor) return false;
    return this.nodes.every((n) => n.cpu?.model === first.model && n.cpu?.vendor === first.vendor);
  }

  /** The CPU type guests get unless they set one (M3). */
  defaultCpuType(): string {
    return this.identicalCpus() ? "host" : "x86-64-v2-AES";
  }

  // ---- guest placement, storage and NICs (rules of sections G–M) -------------------

  /**
   * Storage ID → definition: declared storages first, then the RBD storages pools create.
   * The first definition of an ID wins (duplicates are S5). Built once per model.
   */
  storageIndex(): ReadonlyMap<string, StorageSpec> {
    if (!this.storageIndexCache) {
      const index = new Map<string, StorageSpec>();
      for (const s of this.body.storages ?? []) if (!index.has(s.id)) index.set(s.id, s);
      for (const p of this.pools()) {
        if (p.storageId && !index.has(p.storageId)) {
          index.set(p.storageId, {
            id: p.storageId,
            type: "rbd",
            content: p.spec.storage?.content ?? ["images", "rootdir"],
            pool: p.name,
          });
        }
      }
      this.storageIndexCache = index;
    }
    return this.storageIndexCache;
  }

  /** Whether a storage is defined on a node (declared, and not restricted away from it). */
  storageAvailableOn(id: string, nodeName: string): boolean {
    const s = this.storageIndex().get(id);
    if (!s) return false;
    return s.nodes === undefined || s.nodes.includes(nodeName);
  }

  /** Templates by name (the first declaration wins; duplicate names are V5). */
  templatesByName(): ReadonlyMap<string, TemplateGuest> {
    if (!this.templateIndexCache) {
      const index = new Map<string, TemplateGuest>();
      for (const g of this.guests()) if (g.kind === "template" && !index.has(g.spec.name)) index.set(g.spec.name, g);
      this.templateIndexCache = index;
    }
    return this.templateIndexCache;
  }

  /** VMs by name (the first declaration wins; duplicate names are V5). */
  vmsByName(): ReadonlyMap<string, VmGuest> {
    if (!this.vmIndexCache) {
      const index = new Map<string, VmGuest>();
      for (const g of this.guests()) if (g.kind === "vm" && !index.has(g.spec.name)) index.set(g.spec.name, g);
      this.vmIndexCache = index;
    }
    return this.vmIndexCache;
  }

  /** The first node-affinity rule naming a VM (PVE allows only one, H6), with its index in `haRules`. */
  nodeAffinityRuleOf(vmName: string): { readonly rule: NodeAffinityRuleSpec; readonly index: number } | undefined {
    if (!this.nodeAffinityCache) {
      const byVm = new Map<string, { rule: NodeAffinityRuleSpec; index: number }>();
      (this.body.haRules ?? []).forEach((rule, index) => {
        if (rule.type !== "node-affinity") return;
        for (const name of rule.resources ?? []) if (!byVm.has(name)) byVm.set(name, { rule, index });
      });
      this.nodeAffinityCache = byVm;
    }
    return this.nodeAffinityCache.get(vmName);
  }

  /** VMs under HA (a `ha` block), in spec order. */
  haVms(): VmGuest[] {
    return this.guests().filter((g): g is VmGuest => g.kind === "vm" && g.spec.ha !== undefined);
  }

  /** Declared nodes a guest may run on: a template's own node; a VM's candidate nodes (unknown names dropped). */
  guestNodes(guest: Guest): string[] {
    const names = guest.kind === "template" ? [guest.spec.node] : this.candidateNodes(guest.spec);
    return names.filter((n) => this.nodeIndex.has(n));
  }

  /** The template a VM is cloned from, when it names a declared template. */
  templateOf(vm: VmSpec): TemplateGuest | undefined {
    return vm.template === undefined ? undefined : this.templatesByName().get(vm.template);
  }

  /**
   * Every storage a guest's volumes live on, with the spec path that decides it: a
   * template's disks; a clone's boot disk (linked clones stay on the template's storage,
   * full clones go to `storage`, else the template's); extra disks; the cloud-init drive.
   */
  guestStorageRefs(guest: Guest): GuestStorageRef[] {
    if (guest.kind === "template") {
      return [{ storage: guest.spec.storage, path: `${guest.path}/storage`, what: "template disk" }];
    }
    const vm = guest.spec;
    const refs: GuestStorageRef[] = [];
    const template = this.templateOf(vm);
    if (template) {
      if (vm.clone !== "linked" && vm.storage !== undefined) {
        refs.push({ storage: vm.storage, path: `${guest.path}/storage`, what: "cloned boot disk" });
      } else {
        refs.push({ storage: template.spec.storage, path: `${guest.path}/template`, what: "cloned boot disk (on the template's storage)", inherited: true });
      }
    }
    (vm.disks ?? []).forEach((d, i) =>
      refs.push({ storage: d.storage, path: `${guest.path}/disks/${i}/storage`, what: `disk ${d.interface ?? (i === 0 ? "scsi0" : `#${i}`)}` }),
    );
    if (vm.cloudInit) {
      if (vm.cloudInit.storage !== undefined) {
        refs.push({ storage: vm.cloudInit.storage, path: `${guest.path}/cloudInit/storage`, what: "cloud-init drive" });
      }
      // Without an explicit storage the drive sits next to the boot disk, already listed above.
    }
    return refs;
  }

  /** A guest's NICs: its own, or (for a clone without `nics`) the template's; templates default to one NIC on vmbr0. */
  guestNics(guest: Guest): GuestNic[] {
    if (guest.kind === "template") {
      if (guest.spec.nics === undefined) return [{ nic: { bridge: "vmbr0" }, path: guest.path, inherited: false }];
      return guest.spec.nics.map((nic, i) => ({ nic, path: `${guest.path}/nics/${i}`, inherited: false }));
    }
    if (guest.spec.nics !== undefined) {
      return guest.spec.nics.map((nic, i) => ({ nic, path: `${guest.path}/nics/${i}`, inherited: false }));
    }
    const template = this.templateOf(guest.spec);
    if (!template) return [];
    return this.guestNics(template).map((n) => ({ ...n, inherited: true }));
  }

  /** A VM's CPU type: its own, else its template's, else the cluster default; `path` names the field that set it. */
  effectiveCpuType(vm: VmGuest): { readonly type: string; readonly path?: string } {
    if (vm.spec.cpuType !== undefined) return { type: vm.spec.cpuType, path: `${vm.path}/cpuType` };
    const template = this.templateOf(vm.spec);
    if (template?.spec.cpuType !== undefined) return { type: template.spec.cpuType, path: `${template.path}/cpuType` };
    return { type: this.defaultCpuType() };
  }

  // ---- spec paths ----------------------------------------------------------------

  nodePath(name: string, ...rest: (string | number)[]): string {
    return pointer("spec", "nodes", this.nodeIndex.get(name) ?? 0, ...rest);
  }

  networkPath(name: string, ...rest: (string | number)[]): string {
    return pointer("spec", "networks", this.networkIndex.get(name) ?? 0, ...rest);
  }

  isAcknowledged(rule: string): { reason: string } | undefined {
    const ack = (this.body.acknowledge ?? []).find((a) => a.rule === rule);
    return ack ? { reason: ack.reason } : undefined;
  }
}
