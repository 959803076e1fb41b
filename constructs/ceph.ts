import { Construct } from "constructs";
import { ITerraformDependable } from "cdktn";
import { CephPool as CephPoolResource } from "../.gen/providers/proxmox/ceph-pool";
import {
  cephCrushRuleScript,
  cephInitScript,
  cephFsScript,
  cephInstallScript,
  cephMdsScript,
  cephMgrScript,
  cephMonScript,
  cephOsdScript,
  rbdStorageScript,
  BootstrapScript,
  DEFAULT_CEPH_VERSION,
} from "../lib/bootstrap";
import { pointer } from "../lib/model/findings";
import { ResolvedPool } from "../lib/model/model";
import { CephPoolSpec, CephSpec, NodeSpec } from "../lib/model/spec-types";
import { EmitContext } from "./emit-context";
import { ClusterDefinitionError } from "./errors";
import { compact, NetworkRef, refName } from "./refs";
import { SshStep, StepParameter } from "./ssh-step";

export interface CephProps {
  /** Network carrying Ceph public traffic (monitors, clients; CN1). */
  readonly publicNetwork: NetworkRef;
  /** Network for OSD replication and heartbeat traffic. @default the public network */
  readonly clusterNetwork?: NetworkRef;
  /** CephFS file systems; they need a node with `ceph.mds` (CD8). @default none */
  readonly fs?: CephSpec["fs"];
  /** Repository for `pveceph install`; nodes without a subscription need "no-subscription". @default "enterprise" */
  readonly repository?: CephSpec["repository"];
  /** Ceph release code name. @default "squid" */
  readonly version?: string;
}

/** Everything about a pool except its name (see CephPoolSpec; size/minSize default to 3/2). */
export type CephPoolProps = Omit<CephPoolSpec, "name">;

/**
 * A pool of the hyper-converged Ceph cluster, and the RBD storage it backs when
 * `storage` is set. Created after every OSD exists, so its placement groups can
 * be placed at once.
 */
export class CephPool extends Construct {
  constructor(
    scope: Construct,
    readonly name: string,
    private readonly props: CephPoolProps = {},
  ) {
    super(scope, name);
  }

  /** The RBD storage ID this pool backs, if any (the pool name unless `storage.id` says otherwise). */
  get storageId(): string | undefined {
    return this.props.storage ? (this.props.storage.id ?? this.name) : undefined;
  }

  toSpec(): CephPoolSpec {
    return compact<CephPoolSpec>({ name: this.name, ...this.props });
  }

  /** @internal */
  _emit(ctx: EmitContext, ceph: CephCluster, pool: ResolvedPool, apiNode: NodeSpec): void {
    const path = pointer("spec", "ceph", "pools", pool.index);
    const ec = pool.spec.erasureCoding;
    const deps: ITerraformDependable[] = [...ctx.cephReady];
    let crushRule: string | undefined;
    if (!ec && (pool.spec.deviceClass || pool.failureDomain !== "host")) {
      if (!pool.spec.deviceClass) {
        throw new ClusterDefinitionError(
          `${path}/failureDomain`,
          `pool "${pool.name}" asks for failure domain "${pool.failureDomain}" without a deviceClass; the synthesizer builds CRUSH rules per device class, so set deviceClass`,
        );
      }
      const rule = ceph._crushRule(ctx, pool.spec.deviceClass, pool.failureDomain, apiNode);
      crushRule = rule.ruleName;
      deps.push(rule.step);
    }
    const ecProfile = ec
      ? [`k=${ec.k}`, `m=${ec.m}`, `failure-domain=${pool.failureDomain}`, ...(pool.spec.deviceClass ? [`device-class=${pool.spec.deviceClass}`] : [])].join(",")
      : undefined;
    const storageId = pool.storageId;
    if (ec && storageId !== undefined && storageId !== pool.name) {
      throw new ClusterDefinitionError(
        `${path}/storage/id`,
        `erasure-coded pool "${pool.name}" gets its RBD storage from Proxmox itself, which names it after the pool; drop storage.id or set it to "${pool.name}"`,
      );
    }
    const resource = new CephPoolResource(this, "Resource", {
      nodeName: apiNode.name,
      name: pool.name,
      // An EC pool's size follows from k+m; only replicated pools take size.
      size: ec ? undefined : pool.size,
      minSize: ec ? pool.spec.minSize : pool.minSize,
      // With the autoscaler on, Ceph owns pg_num: set it only when the spec asks, and never report its changes as drift.
      pgNum: pool.autoscaleMode === "on" ? pool.spec.pgNum : pool.pgNum,
      pgAutoscaleMode: pool.autoscaleMode,
      targetSizeRatio: pool.spec.targetSizeRatio,
      application: pool.application,
      crushRule,
      erasureCoding: ecProfile,
      // Proxmox wires an EC pool's data and metadata pools into the storage itself.
      addStorages: ec && storageId !== undefined ? true : undefined,
      dependsOn: deps,
      lifecycle: { ...ctx.lifecycle(), ...(pool.autoscaleMode === "on" ? { ignoreChanges: ["pg_num"] } : {}) },
    });
    ctx.register(resource, "ceph-pools", "ceph_pool", pool.name);
    if (storageId === undefined) return;
    if (ec) {
      ctx.storages.set(storageId, resource);
      return;
    }

    // bpg/proxmox 0.111.1 has no RBD storage resource, so the storage is a step.
    const content = [...(pool.spec.storage?.content ?? ["images", "rootdir"])];
    const krbd = pool.spec.storage?.krbd ?? false;
    const script = ctx.script(`${path}/storage`, () => rbdStorageScript({ storageId, pool: pool.name, content, krbd }));
    const step = ctx.register(
      ceph._step(ctx, `storage-${storageId}`, script, apiNode, { storage: storageId, pool: pool.name, content, krbd }, [resource]),
      "ceph-pools",
      "rbd_storage",
      storageId,
    );
    ctx.storages.set(storageId, step);
  }
}

/**
 * Hyper-converged Ceph: packages on every Ceph node, `pveceph init` with the
 * public and cluster networks, monitors (one at a time), managers, then OSDs
 * per declared disk, then pools. Daemon placement comes from each node's
 * `ceph` section (`mon`, `mgr`, `osds`).
 */
export class CephCluster extends Construct {
  private readonly pools: CephPool[] = [];
  private readonly poolGroup: Construct;
  private readonly crushRules = new Map<string, { ruleName: string; step: SshStep }>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: CephProps,
  ) {
    super(scope, id);
    this.poolGroup = new Construct(this, "Pools");
  }

  /** Adds a pool; `storage` also makes it an RBD storage. Replication defaults to 3/2. */
  addPool(name: string, props: CephPoolProps = {}): CephPool {
    if (this.pools.some((p) => p.name === name)) {
      throw new ClusterDefinitionError(pointer("spec", "ceph", "pools", this.pools.length, "name"), `two Ceph pools are named "${name}"; pool names are unique`);
    }
    const pool = new CephPool(this.poolGroup, name, props);
    this.pools.push(pool);
    return pool;
  }

  toSpec(): CephSpec {
    return compact<CephSpec>({
      publicNetwork: refName(this.props.publicNetwork),
      clusterNetwork: this.props.clusterNetwork === undefined ? undefined : refName(this.props.clusterNetwork),
      pools: this.pools.length ? this.pools.map((p) => p.toSpec()) : undefined,
      repository: this.props.repository,
      version: this.props.version,
      fs: this.props.fs,
    });
  }

  /** @internal */
  _emit(ctx: EmitContext): void {
    const model = ctx.model;
    const spec = model.body.ceph;
    if (!spec) return;
    const cephNodes = model.cephNodes();
    const mons = model.monNodes();
    if (cephNodes.length === 0 || mons.length === 0) {
      throw new ClusterDefinitionError("/spec/ceph", "spec.ceph is set but no node runs a Ceph monitor; set ceph.mon on at least one node (three for quorum)");
    }
    const publicCidr = this.cidr(ctx, spec.publicNetwork, "/spec/ceph/publicNetwork");
    const clusterCidr = spec.clusterNetwork ? this.cidr(ctx, spec.clusterNetwork, "/spec/ceph/clusterNetwork") : undefined;
    const clusterFormed = ctx.clusterFormed ? [ctx.clusterFormed] : [];

    const installs = cephNodes.map((node) =>
      ctx.register(
        this._step(
          ctx,
          `install-${node.name}`,
          ctx.script("/spec/ceph/repository", () => cephInstallScript({ repository: spec.repository, version: spec.version })),
          node,
          { repository: spec.repository ?? "enterprise", version: spec.version ?? DEFAULT_CEPH_VERSION },
          clusterFormed,
        ),
        "ceph-install",
        "ceph_install",
        node.name,
      ),
    );
    const firstMon = mons[0];
    const initScript = ctx.script("/spec/ceph/publicNetwork", () => cephInitScript({ publicNetwork: publicCidr, clusterNetwork: clusterCidr }));
    const init = ctx.register(
      this._step(ctx, "init", initScript, firstMon, { public_network: publicCidr, cluster_network: clusterCidr }, installs),
      "ceph-install",
      "ceph_init",
    );

    // Monitors one at a time: each new monitor joins the quorum of the previous ones.
    let lastMon: SshStep = init;
    for (const node of mons) {
      const monAddress = model.addressOf(node.name, spec.publicNetwork);
      if (!monAddress) {
        throw new ClusterDefinitionError(
          model.nodePath(node.name, "addresses"),
          `node "${node.name}" runs a Ceph monitor but has no address on the Ceph public network "${spec.publicNetwork}"`,
        );
      }
      const script = ctx.script(model.nodePath(node.name, "ceph", "mon"), () => cephMonScript({ monAddress, nodeName: node.name }));
      lastMon = ctx.register(this._step(ctx, `mon-${node.name}`, script, node, { address: monAddress }, [lastMon]), "ceph-daemons", "ceph_mon", node.name);
    }
    const mgrs = model.mgrNodes().map((node) => {
      const script = ctx.script(model.nodePath(node.name, "ceph", "mgr"), () => cephMgrScript({ nodeName: node.name }));
      return ctx.register(this._step(ctx, `mgr-${node.name}`, script, node, {}, [lastMon]), "ceph-daemons", "ceph_mgr", node.name);
    });
    const mdss = model.nodes
      .filter((n) => n.ceph?.mds)
      .map((node) => {
        const script = ctx.script(model.nodePath(node.name, "ceph", "mds"), () => cephMdsScript({ nodeName: node.name }));
        return ctx.register(this._step(ctx, `mds-${node.name}`, script, node, {}, [lastMon]), "ceph-daemons", "ceph_mds", node.name);
      });

    const daemons: ITerraformDependable[] = [lastMon, ...mgrs];
    const osds: SshStep[] = [];
    for (const node of model.osdNodes()) {
      // One OSD at a time per node: ceph-volume serialises on the node anyway.
      let previous: ITerraformDependable[] = daemons;
      for (const [index, osd] of (node.ceph?.osds ?? []).entries()) {
        const script = ctx.script(model.nodePath(node.name, "ceph", "osds", index), () =>
          cephOsdScript({ device: osd.device, deviceClass: osd.deviceClass, dbDevice: osd.dbDevice }),
        );
        const step = ctx.register(
          this._step(ctx, `osd-${node.name}-${index}`, script, node, { device: osd.device, device_class: osd.deviceClass, db_device: osd.dbDevice }, previous),
          "ceph-osds",
          "ceph_osd",
          node.name,
          osd.device.split("/").pop() ?? osd.device,
        );
        osds.push(step);
        previous = [step];
      }
    }
    ctx.cephReady = osds.length > 0 ? osds : daemons;

    for (const pool of model.pools()) {
      this.pools.find((p) => p.name === pool.name)?._emit(ctx, this, pool, firstMon);
    }
    this.emitFileSystems(ctx, spec, firstMon, mdss);
  }

  /** CephFS: `pveceph fs create` once the OSDs and a metadata server exist; `storage` adds the PVE storage. */
  private emitFileSystems(ctx: EmitContext, spec: CephSpec, node: NodeSpec, mdss: readonly SshStep[]): void {
    (spec.fs ?? []).forEach((fs, index) => {
      const path = pointer("spec", "ceph", "fs", index);
      if (mdss.length === 0) {
        throw new ClusterDefinitionError(path, `CephFS "${fs.name}" needs a metadata server; set ceph.mds on at least one node (CD8)`);
      }
      if (fs.storage !== undefined && fs.storage !== fs.name) {
        throw new ClusterDefinitionError(
          `${path}/storage`,
          `pveceph names the storage of CephFS "${fs.name}" after the file system; set storage to "${fs.name}" or leave it out`,
        );
      }
      const addStorage = fs.storage !== undefined;
      const script = ctx.script(path, () => cephFsScript({ name: fs.name, addStorage }));
      const step = ctx.register(
        this._step(ctx, `fs-${fs.name}`, script, node, { fs: fs.name, storage: addStorage ? fs.name : undefined }, [...ctx.cephReady, ...mdss]),
        "ceph-pools",
        "ceph_fs",
        fs.name,
      );
      if (addStorage) ctx.storages.set(fs.name, step);
    });
  }

  /** @internal A CRUSH rule restricted to one device class, shared by every pool that needs it. */
  _crushRule(ctx: EmitContext, deviceClass: string, failureDomain: string, node: NodeSpec): { ruleName: string; step: SshStep } {
    const ruleName = `replicated-${deviceClass}-${failureDomain}`;
    const known = this.crushRules.get(ruleName);
    if (known) return known;
    const script = ctx.script("/spec/ceph/pools", () => cephCrushRuleScript({ ruleName, deviceClass, failureDomain }));
    const step = ctx.register(
      this._step(ctx, `crush-rule-${ruleName}`, script, node, { rule: ruleName, device_class: deviceClass, failure_domain: failureDomain }, ctx.cephReady),
      "ceph-pools",
      "ceph_crush_rule",
      ruleName,
    );
    const rule = { ruleName, step };
    this.crushRules.set(ruleName, rule);
    return rule;
  }

  /** @internal */
  _step(
    ctx: EmitContext,
    id: string,
    script: BootstrapScript,
    node: NodeSpec,
    parameters: Record<string, StepParameter | undefined>,
    dependsOn: readonly ITerraformDependable[],
  ): SshStep {
    return ctx.nodeStep(this, id, script, node, parameters, dependsOn);
  }

  private cidr(ctx: EmitContext, network: string, path: string): string {
    const net = ctx.model.network(network);
    if (!net) throw new ClusterDefinitionError(path, `there is no network named "${network}" in spec.networks`);
    return net.cidr;
  }
}

