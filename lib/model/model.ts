import {
  CephPoolSpec,
  ClusterBodySpec,
  ClusterSpec,
  CorosyncLinkSpec,
  NetworkRole,
  NetworkSpec,
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
    const out: Guest[] = [];
    (this.body.templates ?? []).forEach((spec, index) =>
      out.push({ kind: "template", spec, index, path: pointer("spec", "templates", index) }),
    );
    (this.body.vms ?? []).forEach((spec, index) =>
      out.push({ kind: "vm", spec, index, path: pointer("spec", "vms", index) }),
    );
    return out;
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
    const rule = (this.body.haRules ?? []).find(
      (r) => r.type === "node-affinity" && r.resources.includes(vm.name),
    );
    if (rule && rule.type === "node-affinity") {
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
