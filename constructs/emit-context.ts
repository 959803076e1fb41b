import { Construct } from "constructs";
import { ITerraformDependable, TerraformElement, TerraformResource, TerraformVariable } from "cdktn";
import { ProxmoxProvider } from "../.gen/providers/proxmox/provider";
import { BootstrapInputError, BootstrapScript, remoteExecInline } from "../lib/bootstrap";
import { ClusterModel } from "../lib/model/model";
import { NodeSpec } from "../lib/model/spec-types";
import { APPLY_PHASES, ApplyPhaseId, ApplyPhaseSummary } from "./apply-phases";
import { ClusterDefinitionError } from "./errors";
import { SshStep, StepParameter } from "./ssh-step";

/** A Terraform identifier: letters, digits, `_` and `-`, not starting with a digit or `-`. */
export function terraformName(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** `https://<host>:8006/`, bracketing IPv6 literals. */
export function apiEndpoint(host: string): string {
  return `https://${host.includes(":") ? `[${host}]` : host}:8006/`;
}

/**
 * Shared state while a cluster turns its model into resources: the providers,
 * the resources later phases depend on, phase bookkeeping and unique
 * Terraform names. Created once per synthesis by `ProxmoxCluster`.
 */
export class EmitContext {
  /** The provider for cluster-wide resources: the first node's API. */
  readonly defaultProvider: ProxmoxProvider;
  readonly preventDestroy: boolean;
  /** Things the synthesizer could not express, shown in the synth summary. */
  readonly notes: string[] = [];

  /** Every network resource of every node. */
  readonly networkResources: TerraformResource[] = [];
  /** The last corosync step: after it the cluster is complete (all joins, QDevice). */
  clusterFormed?: ITerraformDependable;
  /** Ceph is usable for pools once these exist (the OSDs, else the MONs/MGRs). */
  cephReady: ITerraformDependable[] = [];
  /** Resource that creates a storage ID (bpg storage or RBD storage step). */
  readonly storages = new Map<string, ITerraformDependable>();
  readonly images = new Map<string, TerraformResource & { readonly id: string }>();
  readonly templates = new Map<string, TerraformResource>();
  readonly vms = new Map<string, TerraformResource>();
  readonly haResources = new Map<string, TerraformResource>();
  clusterOptions?: TerraformResource;

  private readonly nodeProviders = new Map<string, ProxmoxProvider>();
  private readonly names = new Set<string>();
  private readonly phaseAddresses = new Map<ApplyPhaseId, string[]>();

  constructor(
    scope: Construct,
    readonly model: ClusterModel,
  ) {
    this.preventDestroy = model.body.preventDestroy ?? true;
    const first = model.firstNode;
    if (!first) throw new ClusterDefinitionError("/spec/nodes", "a cluster needs at least one node");

    const providers = new Construct(scope, "Providers");
    this.defaultProvider = new ProxmoxProvider(providers, "default", {
      endpoint: apiEndpoint(this.sshHost(first)),
      // Credentials come from PROXMOX_VE_USERNAME/PROXMOX_VE_PASSWORD (or
      // PROXMOX_VE_API_TOKEN) in the environment; SSH uses the operator's agent.
      ssh: {
        agent: true,
        username: "root",
        nodeAttribute: model.nodes.map((n) => ({ name: n.name, address: this.sshHost(n) })),
      },
    });
    // Before the nodes form a cluster each one only knows itself, so node-local
    // resources (the network) go through a provider bound to that node's API.
    for (const node of model.nodes) {
      this.nodeProviders.set(
        node.name,
        new ProxmoxProvider(providers, `node-${node.name}`, {
          alias: terraformName(node.name),
          endpoint: apiEndpoint(this.sshHost(node)),
          ssh: { agent: true, username: "root" },
        }),
      );
    }
  }

  nodeProvider(nodeName: string): ProxmoxProvider {
    const p = this.nodeProviders.get(nodeName);
    if (!p) throw new ClusterDefinitionError("/spec/nodes", `unknown node "${nodeName}"`);
    return p;
  }

  /** A bootstrap step that runs `script` on `node` over SSH, recording `parameters` as its input. */
  nodeStep(
    scope: Construct,
    id: string,
    script: BootstrapScript,
    node: NodeSpec,
    parameters: Record<string, StepParameter | undefined>,
    dependsOn: readonly ITerraformDependable[],
  ): SshStep {
    return new SshStep(scope, id, {
      kind: script.step,
      node: node.name,
      host: this.sshHost(node),
      inline: remoteExecInline(script),
      parameters,
      dependsOn,
      preventDestroy: this.preventDestroy,
    });
  }

  /** Where SSH steps and the provider reach a node. */
  sshHost(node: NodeSpec): string {
    const host = this.model.sshHostOf(node);
    if (!host) {
      throw new ClusterDefinitionError(
        this.model.nodePath(node.name),
        `node "${node.name}" has no address to reach it on: give it an address on the management network or set sshHost`,
      );
    }
    return host;
  }

  node(name: string, path: string): NodeSpec {
    const node = this.model.node(name);
    if (!node) throw new ClusterDefinitionError(path, `there is no node named "${name}" in spec.nodes`);
    return node;
  }

  /** Claims a unique Terraform name built from `parts`, suffixing `_2`, `_3`… on collision. */
  claimName(...parts: readonly (string | number)[]): string {
    const base = terraformName(parts.map(String).join("_"));
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }

  /**
   * Gives an element a readable, stable Terraform name derived from the spec
   * (state addresses must not change when the construct tree is refactored)
   * and, for resources, records the phase it belongs to.
   */
  register<T extends TerraformElement>(element: T, phase: ApplyPhaseId | undefined, ...nameParts: (string | number)[]): T {
    const name = this.claimName(...nameParts);
    element.overrideLogicalId(name);
    if (phase && element instanceof TerraformResource) {
      const list = this.phaseAddresses.get(phase) ?? [];
      list.push(`${element.terraformResourceType}.${name}`);
      this.phaseAddresses.set(phase, list);
    }
    return element;
  }

  /** A sensitive input variable (secrets never appear in the configuration). */
  secretVariable(scope: Construct, nameParts: readonly string[], description: string): TerraformVariable {
    const v = new TerraformVariable(scope, `var-${nameParts.join("-")}`, {
      type: "string",
      sensitive: true,
      description,
    });
    return this.register(v, undefined, ...nameParts);
  }

  /** A plain (non-secret) input variable. */
  variable(scope: Construct, nameParts: readonly string[], description: string): TerraformVariable {
    const v = new TerraformVariable(scope, `var-${nameParts.join("-")}`, { type: "string", description });
    return this.register(v, undefined, ...nameParts);
  }

  /** Generates a bootstrap script; a value the script generator refuses becomes an error at `path`. */
  script(path: string, generate: () => BootstrapScript): BootstrapScript {
    try {
      return generate();
    } catch (err) {
      if (err instanceof BootstrapInputError) throw new ClusterDefinitionError(path, err.message);
      throw err;
    }
  }

  lifecycle(): { preventDestroy: true } | undefined {
    return this.preventDestroy ? { preventDestroy: true } : undefined;
  }

  phases(): ApplyPhaseSummary[] {
    return APPLY_PHASES.filter((p) => this.phaseAddresses.has(p.id)).map((p) => ({
      id: p.id,
      title: p.title,
      addresses: [...(this.phaseAddresses.get(p.id) ?? [])],
    }));
  }
}
