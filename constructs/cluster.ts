import { Construct, IConstruct } from "constructs";
import { Aspects, IAspect, TerraformBackend, TerraformStack } from "cdktn";
import { ClusterOptions, ClusterOptionsNextId } from "../.gen/providers/proxmox/cluster-options";
import { isBlocking, Finding } from "../lib/model/findings";
import { ClusterModel } from "../lib/model/model";
import {
  AcknowledgementSpec,
  API_VERSION,
  BackendSpec,
  ClusterBodySpec,
  ClusterSpec,
  HaRuleSpec,
  HaSettingsSpec,
  MigrationSpec,
  NetworkSpec,
  StorageSpec,
} from "../lib/model/spec-types";
import { runRules } from "../lib/rules";
import { ApplyPhaseSummary } from "./apply-phases";
import { addBackend } from "./backend";
import { CephCluster, CephProps } from "./ceph";
import { ClusterNode, ClusterNodeProps } from "./cluster-node";
import { Corosync, CorosyncProps } from "./corosync";
import { EmitContext } from "./emit-context";
import { BlockingFindingsError, ClusterDefinitionError } from "./errors";
import {
  CloudImage,
  CloudImageProps,
  HaRule,
  HaRuleProps,
  VirtualMachine,
  VirtualMachineProps,
  VmTemplate,
  VmTemplateProps,
} from "./guests";
import { ProxmoxStorage, ProxmoxStorageProps } from "./storage";
import { compact, refName } from "./refs";

export interface ProxmoxClusterProps {
  /** Cluster name: unique on the network and immutable (N2). */
  readonly name: string;
  /** Corosync transport and quorum options; links are added with `cluster.corosync.addLink()`. @default knet, no overrides */
  readonly corosync?: CorosyncProps;
  /** Migration network, type and bandwidth limit. @default type "secure" over the corosync network (M4/M5) */
  readonly migration?: MigrationSpec;
  /** HA shutdown policy and CRS mode (H7). @default PVE's defaults ("conditional", "basic") */
  readonly ha?: HaSettingsSpec;
  /** VMID auto-allocation range (V3). @default PVE's default (100–1000000) */
  readonly nextId?: { readonly lower?: number; readonly upper?: number };
  /** Where Terraform keeps state. @default local "terraform.tfstate" next to the synthesized JSON */
  readonly backend?: BackendSpec;
  /** Guard pools, storages, templates and the cluster steps with prevent_destroy. @default true */
  readonly preventDestroy?: boolean;
  /** Validator rules whose errors the owner accepts, each with a reason. @default none */
  readonly acknowledge?: readonly AcknowledgementSpec[];
}

/**
 * A whole Proxmox VE cluster, from freshly installed nodes to running VMs.
 *
 * Intent methods (`addNode`, `addPool`, `addTemplate`, `template.cloneTo`,
 * `vm.protectWithHa`, …) only record the desired cluster as spec data. At
 * synthesis the cluster builds one `ClusterSpec`, runs the validator rules on
 * it — an unacknowledged error stops synthesis with the full report — and
 * only then emits every resource, in apply order. Emitting late means calls
 * made after construction still land; `ProxmoxCluster.fromSpec` (the YAML
 * front door) goes through exactly the same methods.
 */
export class ProxmoxCluster extends Construct {
  /**
   * Builds the cluster a spec document describes, through the same methods TypeScript users call.
   * `validated` are the findings of `runRules` on this very document, when the caller already ran
   * them (`pvecdk synth` does, for its report): synthesis then uses them instead of validating again.
   * They only hold while the cluster is exactly the document: pass them only when nothing is declared
   * afterwards (synthesizeSpec never does; a later `cluster.add…` call drops them anyway).
   */
  static fromSpec(scope: Construct, id: string, doc: ClusterSpec, validated?: readonly Finding[]): ProxmoxCluster {
    const s = doc.spec;
    const cluster = new ProxmoxCluster(scope, id, {
      name: s.name,
      corosync: compact<CorosyncProps>({ transport: s.corosync?.transport, twoNode: s.corosync?.twoNode, tokenCoefficient: s.corosync?.tokenCoefficient }),
      migration: s.migration,
      ha: s.ha,
      nextId: s.nextId,
      backend: s.backend,
      preventDestroy: s.preventDestroy,
      acknowledge: s.acknowledge,
    });
    for (const network of s.networks ?? []) cluster.addNetwork(network);
    for (const { name, ...node } of s.nodes ?? []) cluster.addNode(name, node);
    for (const link of s.corosync?.links ?? []) cluster.corosync.addLink(link.id, link.network, { priority: link.priority });
    if (s.corosync?.qdevice) cluster.corosync.useQDevice(s.corosync.qdevice);
    if (s.ceph) {
      const ceph = cluster.enableCeph(
        compact<CephProps>({
          publicNetwork: s.ceph.publicNetwork,
          clusterNetwork: s.ceph.clusterNetwork,
          repository: s.ceph.repository,
          version: s.ceph.version,
          fs: s.ceph.fs,
        }),
      );
      for (const { name, ...pool } of s.ceph.pools ?? []) ceph.addPool(name, pool);
    }
    for (const { id: storageId, ...storage } of s.storages ?? []) cluster.addStorage(storageId, storage);
    for (const { name, ...image } of s.images ?? []) cluster.addCloudImage(name, image);
    for (const { name, ...template } of s.templates ?? []) cluster.addTemplate(name, template);
    for (const { name, ...vm } of s.vms ?? []) cluster.addVm(name, vm);
    for (const { name, ...rule } of s.haRules ?? []) cluster.addHaRule(name, rule as HaRuleProps);
    if (validated) cluster.validatedFindings = [...validated];
    return cluster;
  }

  /** Finds the ProxmoxCluster constructs in a scope's subtree, in creation order. */
  static allIn(scope: IConstruct): ProxmoxCluster[] {
    // From the clusters of the scope's tree rather than a walk over every construct
    // (three walks per synthesis took ~0.1 s at 10,000 VMs).
    return (CLUSTERS_BY_ROOT.get(scope.node.root) ?? []).filter((c) => c === scope || c.node.scopes.includes(scope));
  }

  readonly clusterName: string;
  readonly corosync: Corosync;
  private cephCluster?: CephCluster;
  private readonly networks: NetworkSpec[] = [];
  private readonly nodes: ClusterNode[] = [];
  private readonly storages: ProxmoxStorage[] = [];
  private readonly images: CloudImage[] = [];
  private readonly templates: VmTemplate[] = [];
  private readonly vms: VirtualMachine[] = [];
  private readonly haRules: HaRule[] = [];
  /** Template and VM names share one name space; a set keeps adding thousands of VMs linear. */
  private readonly guestNames = new Set<string>();
  private readonly acknowledgements: AcknowledgementSpec[];
  private readonly groups: Record<"Nodes" | "Storages" | "Images" | "Templates" | "Vms" | "HaRules", Construct>;
  private emitted?: EmitContext;
  /** The findings emit() validated against: those of what was synthesized. */
  private emittedFindings?: Finding[];
  /** Findings a caller computed for the spec this cluster was built from (see fromSpec). */
  private validatedFindings?: Finding[];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ProxmoxClusterProps,
  ) {
    super(scope, id);
    this.clusterName = props.name;
    this.acknowledgements = [...(props.acknowledge ?? [])];
    this.corosync = new Corosync(this, "Corosync", props.corosync);
    this.groups = {
      Nodes: new Construct(this, "Nodes"),
      Storages: new Construct(this, "Storages"),
      Images: new Construct(this, "Images"),
      Templates: new Construct(this, "Templates"),
      Vms: new Construct(this, "Vms"),
      HaRules: new Construct(this, "HaRules"),
    };
    const siblings = CLUSTERS_BY_ROOT.get(this.node.root) ?? [];
    CLUSTERS_BY_ROOT.set(this.node.root, [...siblings, this]);
    // Covers stacks that are not a ClusterStack (e.g. Testing.synth): emit
    // when aspects run, which is before validation and before writing. The
    // aspect sits on a leaf: cdktn visits every construct below an aspect's
    // owner (~80 ms over the cluster's constructs at 10,000 VMs).
    Aspects.of(new Construct(this, "EmitOnSynthesis")).add(new EmitOnSynthesis(this));
  }

  /** The Ceph cluster, once `enableCeph` was called. */
  get ceph(): CephCluster | undefined {
    return this.cephCluster;
  }

  /** Declares a network the nodes have addresses on; returns it for use as a reference. */
  addNetwork(network: NetworkSpec): NetworkSpec {
    this.assertOpen();
    this.assertUnique(this.networks.map((n) => n.name), network.name, "networks", "network");
    this.networks.push(network);
    return network;
  }

  /** Adds a node. The first node added creates the cluster; the others join it in order. */
  addNode(name: string, props: ClusterNodeProps): ClusterNode {
    this.assertOpen();
    this.assertUnique(this.nodes.map((n) => n.nodeName), name, "nodes", "node");
    const node = new ClusterNode(this.groups.Nodes, name, props);
    this.nodes.push(node);
    return node;
  }

  /** Turns on hyper-converged Ceph with its public (and optional cluster) network. */
  enableCeph(props: CephProps): CephCluster {
    this.assertOpen();
    if (this.cephCluster) throw new ClusterDefinitionError("/spec/ceph", `Ceph is already enabled on cluster "${this.clusterName}"`);
    this.cephCluster = new CephCluster(this, "Ceph", props);
    return this.cephCluster;
  }

  /** Adds a Ceph pool (Ceph must be enabled). Replication defaults to size 3, min_size 2. */
  addPool(name: string, props: Parameters<CephCluster["addPool"]>[1] = {}): ReturnType<CephCluster["addPool"]> {
    this.assertOpen();
    if (!this.cephCluster) throw new ClusterDefinitionError("/spec/ceph", `add a pool only after enableCeph(): cluster "${this.clusterName}" has no Ceph`);
    return this.cephCluster.addPool(name, props);
  }

  /** Adds a storage to storage.cfg (dir, lvm, lvmthin, zfspool, nfs, cifs, pbs). */
  addStorage(storageId: string, props: ProxmoxStorageProps): ProxmoxStorage {
    this.assertOpen();
    this.assertUnique(this.storages.map((s) => s.storageId), storageId, "storages", "storage");
    const storage = new ProxmoxStorage(this.groups.Storages, storageId, props);
    this.storages.push(storage);
    return storage;
  }

  /** Adds a cloud image, downloaded onto a file storage and pinned by checksum. */
  addCloudImage(name: string, props: CloudImageProps): CloudImage {
    this.assertOpen();
    this.assertUnique(this.images.map((i) => i.name), name, "images", "image");
    const image = new CloudImage(this.groups.Images, name, props);
    this.images.push(image);
    return image;
  }

  /** Adds a cloud-init VM template built from a cloud image. */
  addTemplate(name: string, props: VmTemplateProps): VmTemplate {
    this.assertOpen();
    this.assertUnique(this.guestNames, name, "templates", "template or VM", this.templates.length);
    const template = new VmTemplate(this.groups.Templates, name, props, (vmName, vmProps) => this.addVm(vmName, vmProps));
    this.templates.push(template);
    this.guestNames.add(name);
    return template;
  }

  /** Adds a VM; with `template` it is a clone of that template. */
  addVm(name: string, props: VirtualMachineProps): VirtualMachine {
    this.assertOpen();
    this.assertUnique(this.guestNames, name, "vms", "template or VM", this.vms.length);
    const vm = new VirtualMachine(this.groups.Vms, name, props);
    this.vms.push(vm);
    this.guestNames.add(name);
    return vm;
  }

  /** Adds an HA rule (PVE 9 node-affinity or resource-affinity). */
  addHaRule(name: string, props: HaRuleProps): HaRule {
    this.assertOpen();
    this.assertUnique(this.haRules.map((r) => r.name), name, "haRules", "HA rule");
    const rule = new HaRule(this.groups.HaRules, name, props);
    this.haRules.push(rule);
    return rule;
  }

  /** Keeps the given HA guests on different nodes (a negative resource-affinity rule). */
  keepApart(ruleName: string, vms: readonly (string | { readonly name: string })[]): HaRule {
    return this.addHaRule(ruleName, { type: "resource-affinity", affinity: "negative", resources: vms.map(refName) });
  }

  /** Keeps the given HA guests on the same node (a positive resource-affinity rule). */
  keepTogether(ruleName: string, vms: readonly (string | { readonly name: string })[]): HaRule {
    return this.addHaRule(ruleName, { type: "resource-affinity", affinity: "positive", resources: vms.map(refName) });
  }

  /** Accepts the errors of one validator rule, with the reason shown in reports. */
  acknowledge(rule: string, reason: string): this {
    this.assertOpen();
    this.acknowledgements.push({ rule, reason });
    return this;
  }

  /** The cluster as one spec document: what the rules check and what is synthesized. */
  toSpec(): ClusterSpec {
    const p = this.props;
    const storages: StorageSpec[] = this.storages.map((s) => s.toSpec());
    const haRules: HaRuleSpec[] = this.haRules.map((r) => r.toSpec());
    return {
      apiVersion: API_VERSION,
      kind: "Cluster",
      spec: compact<ClusterBodySpec>({
        name: this.clusterName,
        networks: [...this.networks],
        nodes: this.nodes.map((n) => n.toSpec()),
        corosync: this.corosync.toSpec(),
        ceph: this.cephCluster?.toSpec(),
        storages: storages.length ? storages : undefined,
        migration: p.migration,
        ha: p.ha,
        images: this.images.length ? this.images.map((i) => i.toSpec()) : undefined,
        templates: this.templates.length ? this.templates.map((t) => t.toSpec()) : undefined,
        vms: this.vms.length ? this.vms.map((v) => v.toSpec()) : undefined,
        haRules: haRules.length ? haRules : undefined,
        nextId: p.nextId,
        backend: p.backend,
        preventDestroy: p.preventDestroy,
        acknowledge: this.acknowledgements.length ? [...this.acknowledgements] : undefined,
      }),
    };
  }

  /** A fresh model of the cluster as declared so far. */
  model(): ClusterModel {
    return new ClusterModel(this.toSpec());
  }

  /** Every validator finding, acknowledged ones included. */
  findings(): Finding[] {
    // Once emitted, the cluster is closed: reuse the validation emit() ran instead of repeating it.
    return this.emittedFindings ? [...this.emittedFindings] : runRules(this.model());
  }

  /** Apply phases of the emitted resources (empty before synthesis). */
  phases(): ApplyPhaseSummary[] {
    return this.emitted?.phases() ?? [];
  }

  /** What the synthesizer could not express and left to the operator (empty before synthesis). */
  notes(): string[] {
    return [...(this.emitted?.notes ?? [])];
  }

  /**
   * Validates, then emits every resource. Runs once per cluster, at synthesis
   * (ClusterStack.prepareStack or the aspect); later calls are no-ops.
   * @throws BlockingFindingsError when an unacknowledged error remains
   */
  emit(): void {
    if (this.emitted) return;
    const model = this.model();
    const findings = this.validatedFindings ?? runRules(model);
    const blocking = findings.filter(isBlocking);
    if (blocking.length > 0) throw new BlockingFindingsError(this.clusterName, blocking);

    const stack = TerraformStack.of(this);
    if (ProxmoxCluster.allIn(stack).length > 1) {
      throw new ClusterDefinitionError("/spec/name", `stack "${stack.node.id}" holds more than one ProxmoxCluster; give each cluster its own ClusterStack`);
    }
    if (!stack.node.children.some((c) => c instanceof TerraformBackend)) addBackend(stack, model.body.backend);

    const ctx = new EmitContext(this, model);
    for (const node of this.nodes) node._emitNetwork(ctx);
    this.corosync._emit(ctx);
    this.cephCluster?._emit(ctx);
    (model.body.storages ?? []).forEach((spec, i) => this.storages.find((s) => s.storageId === spec.id)?._emit(ctx, spec, i));
    this.emitClusterOptions(ctx);
    (model.body.images ?? []).forEach((spec, i) => this.images.find((x) => x.name === spec.name)?._emit(ctx, spec, i));
    (model.body.templates ?? []).forEach((spec, i) => this.templates.find((x) => x.name === spec.name)?._emit(ctx, spec, i));
    // By name through a map: a search per VM would make 10,000 VMs quadratic.
    const vms = new Map(this.vms.map((v) => [v.name, v]));
    (model.body.vms ?? []).forEach((spec, i) => vms.get(spec.name)?._emit(ctx, spec, i));
    (model.body.haRules ?? []).forEach((spec, i) => this.haRules.find((x) => x.name === spec.name)?._emit(ctx, spec, i));
    this.emitted = ctx;
    this.emittedFindings = findings;
  }

  /** datacenter.cfg: migration type and network, HA policy, CRS, bandwidth limit, next-id range. */
  private emitClusterOptions(ctx: EmitContext): void {
    const body = ctx.model.body;
    const migration = body.migration ?? {};
    let migrationCidr: string | undefined;
    if (migration.network !== undefined) {
      migrationCidr = ctx.model.network(migration.network)?.cidr;
      if (!migrationCidr) {
        throw new ClusterDefinitionError("/spec/migration/network", `migration network "${migration.network}" is not declared in spec.networks`);
      }
    }
    const options = new ClusterOptions(this, "Options", {
      migrationType: migration.type ?? "secure",
      migrationCidr,
      bandwidthLimitMigration: migration.bandwidthLimitKiBs,
      haShutdownPolicy: body.ha?.shutdownPolicy,
      crsHa: body.ha?.crs,
      nextId: body.nextId ? compact<ClusterOptionsNextId>({ lower: body.nextId.lower, upper: body.nextId.upper }) : undefined,
      dependsOn: ctx.clusterFormed ? [ctx.clusterFormed] : undefined,
    });
    ctx.register(options, "cluster-options", "cluster_options");
    ctx.clusterOptions = options;
  }

  private assertUnique(
    existing: readonly string[] | ReadonlySet<string>,
    name: string,
    list: string,
    what: string,
    index = "has" in existing ? existing.size : existing.length,
  ): void {
    if ("has" in existing ? existing.has(name) : existing.includes(name)) {
      throw new ClusterDefinitionError(`/spec/${list}/${index}`, `cluster "${this.clusterName}" already has a ${what} named "${name}"; names must be unique`);
    }
  }

  private assertOpen(): void {
    // A declaration changes the spec, so findings handed to fromSpec no longer describe it.
    this.validatedFindings = undefined;
    if (this.emitted) {
      throw new Error(`cluster "${this.clusterName}" was already synthesized; declare everything before app.synth()`);
    }
  }
}

/** Every cluster, by the root of its construct tree (see allIn). */
const CLUSTERS_BY_ROOT = new WeakMap<IConstruct, ProxmoxCluster[]>();

class EmitOnSynthesis implements IAspect {
  constructor(private readonly cluster: ProxmoxCluster) {}

  visit(): void {
    this.cluster.emit();
  }
}
