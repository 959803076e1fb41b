import { Construct } from "constructs";
import { TerraformResource } from "cdktn";
import { NetworkLinuxBond } from "../.gen/providers/proxmox/network-linux-bond";
import { NetworkLinuxBridge } from "../.gen/providers/proxmox/network-linux-bridge";
import { NetworkLinuxVlan } from "../.gen/providers/proxmox/network-linux-vlan";
import { parseIp } from "../lib/model/net";
import { BondSpec, BridgeSpec, NodeCephSpec, NodeInterfacesSpec, NodeSpec, OsdSpec, VlanInterfaceSpec } from "../lib/model/spec-types";
import { adoptExisting } from "./adopt";
import { EmitContext } from "./emit-context";
import { ClusterDefinitionError } from "./errors";
import { compact, NetworkRef, refName } from "./refs";

/** Everything about a node except its name (see NodeSpec for each field and its default). */
export type ClusterNodeProps = Omit<NodeSpec, "name">;

/** Something that names a cluster node: its name or the node itself. */
export type NodeRef = string | { readonly nodeName: string };

export function nodeName(ref: NodeRef): string {
  return typeof ref === "string" ? ref : ref.nodeName;
}

type InterfaceKind = "bond" | "vlan" | "bridge";

/** The interface a VLAN interface `<iface>.<vid>` sits on. */
function rawDevice(vlanName: string): string[] {
  const dot = vlanName.lastIndexOf(".");
  return dot > 0 ? [vlanName.slice(0, dot)] : [];
}

interface DeclaredInterface {
  readonly kind: InterfaceKind;
  readonly name: string;
  readonly index: number;
  /** Interfaces this one is built on: bond slaves, the VLAN's raw device, bridge ports. */
  readonly lowerNames: readonly string[];
  readonly spec: BondSpec | VlanInterfaceSpec | BridgeSpec;
}

/**
 * A Proxmox VE node: its addresses on the cluster's networks, its network
 * interfaces (bridges, VLAN interfaces, bonds) and its Ceph role. The node's
 * network is configured through a provider bound to this node alone, because
 * it is set up before the node belongs to a cluster.
 */
export class ClusterNode extends Construct {
  readonly nodeName: string;
  private readonly props: ClusterNodeProps;
  private readonly physical: string[];
  private readonly bonds: BondSpec[];
  private readonly bridges: BridgeSpec[];
  private readonly vlans: VlanInterfaceSpec[];
  private ceph?: { mon?: boolean; mgr?: boolean; mds?: boolean; osds: OsdSpec[] };

  constructor(scope: Construct, name: string, props: ClusterNodeProps) {
    super(scope, name);
    this.nodeName = name;
    this.props = props;
    this.physical = [...(props.interfaces?.physical ?? [])];
    this.bonds = [...(props.interfaces?.bonds ?? [])];
    this.bridges = [...(props.interfaces?.bridges ?? [])];
    this.vlans = [...(props.interfaces?.vlans ?? [])];
    if (props.ceph) this.ceph = { ...props.ceph, osds: [...(props.ceph.osds ?? [])] };
  }

  /** Adds a Linux bridge, e.g. `node.addBridge({ name: "vmbr1", ports: ["eno3"], vlanAware: true })`. */
  addBridge(bridge: BridgeSpec): this {
    this.bridges.push(bridge);
    return this;
  }

  /** Adds a VLAN interface `<iface>.<vid>`, optionally carrying the node's address on `network`. */
  addVlan(name: string, options: { readonly network?: NetworkRef; readonly mtu?: number } = {}): this {
    this.vlans.push(compact<VlanInterfaceSpec>({ name, network: options.network && refName(options.network), mtu: options.mtu }));
    return this;
  }

  /** Adds a bond over `slaves`. */
  addBond(bond: BondSpec): this {
    this.bonds.push(bond);
    return this;
  }

  /** Declares a Ceph OSD on a whole disk of this node. */
  addOsd(device: string, options: Omit<OsdSpec, "device"> = {}): this {
    this.ceph = this.ceph ?? { osds: [] };
    this.ceph.osds.push({ device, ...options });
    return this;
  }

  /** The node as spec data (what the rules check and the synthesizer reads). */
  toSpec(): NodeSpec {
    const interfaces = compact<NodeInterfacesSpec>({
      physical: this.physical.length ? this.physical : undefined,
      bonds: this.bonds.length ? this.bonds : undefined,
      bridges: this.bridges.length ? this.bridges : undefined,
      vlans: this.vlans.length ? this.vlans : undefined,
    });
    let ceph: NodeCephSpec | undefined;
    if (this.ceph) {
      const { osds, ...roles } = this.ceph;
      ceph = compact<NodeCephSpec>({ ...roles, osds: osds.length ? osds : undefined });
    }
    return compact<NodeSpec>({
      ...this.props,
      name: this.nodeName,
      interfaces: Object.keys(interfaces).length ? interfaces : undefined,
      ceph,
    });
  }

  /** @internal Emits the node's network configuration; returns the resources in dependency order. */
  _emitNetwork(ctx: EmitContext): TerraformResource[] {
    const spec = ctx.node(this.nodeName, "/spec/nodes");
    const sshHost = ctx.sshHost(spec);
    const entries: DeclaredInterface[] = [
      ...(spec.interfaces?.bonds ?? []).map((b, index) => ({ kind: "bond" as const, name: b.name, index, lowerNames: [...b.slaves], spec: b })),
      ...(spec.interfaces?.vlans ?? []).map((v, index) => ({ kind: "vlan" as const, name: v.name, index, lowerNames: rawDevice(v.name), spec: v })),
      ...(spec.interfaces?.bridges ?? []).map((b, index) => ({ kind: "bridge" as const, name: b.name, index, lowerNames: [...(b.ports ?? [])], spec: b })),
    ];
    const declared = new Map<string, DeclaredInterface>();
    for (const entry of entries) {
      if (declared.has(entry.name)) {
        throw new ClusterDefinitionError(
          this.path(ctx, entry.kind, entry.index, "name"),
          `node "${this.nodeName}" declares the interface "${entry.name}" twice; interface names must be unique on a node`,
        );
      }
      declared.set(entry.name, entry);
    }

    const created = new Map<string, TerraformResource>();
    const order: TerraformResource[] = [];
    const visiting = new Set<string>();
    const visit = (iface: DeclaredInterface): TerraformResource => {
      const done = created.get(iface.name);
      if (done) return done;
      if (visiting.has(iface.name)) {
        throw new ClusterDefinitionError(
          this.path(ctx, iface.kind, iface.index, "name"),
          `interface "${iface.name}" on node "${this.nodeName}" is built on itself (a cycle through ${[...visiting].join(", ")})`,
        );
      }
      visiting.add(iface.name);
      const lower = iface.lowerNames
        .map((n) => declared.get(n))
        .filter((d): d is DeclaredInterface => d !== undefined)
        .map(visit);
      visiting.delete(iface.name);
      const resource = this.emitInterface(ctx, iface, lower, sshHost);
      created.set(iface.name, resource);
      order.push(resource);
      return resource;
    };
    for (const iface of declared.values()) visit(iface);
    return order;
  }

  private emitInterface(ctx: EmitContext, iface: DeclaredInterface, lower: TerraformResource[], sshHost: string): TerraformResource {
    const provider = ctx.nodeProvider(this.nodeName);
    const ip = this.ipConfig(ctx, iface);
    const common = {
      provider,
      nodeName: this.nodeName,
      name: iface.name,
      mtu: iface.spec.mtu ?? ip.mtu,
      dependsOn: lower.length ? lower : undefined,
      ...ip.fields,
    };
    let resource: TerraformResource;
    if (iface.kind === "bond") {
      const bond = iface.spec as BondSpec;
      resource = new NetworkLinuxBond(this, iface.name, {
        ...common,
        slaves: [...bond.slaves],
        bondMode: bond.mode ?? "active-backup",
        bondXmitHashPolicy: bond.hashPolicy,
      });
      if (bond.lacpRate === "fast") {
        ctx.notes.push(
          `${this.path(ctx, "bond", iface.index, "lacpRate")}: bpg/proxmox 0.111.1 cannot set bond-lacp-rate; add "bond-lacp-rate fast" to ${iface.name} in /etc/network/interfaces on ${this.nodeName}`,
        );
      }
    } else if (iface.kind === "vlan") {
      const dot = iface.name.lastIndexOf(".");
      const vid = Number(iface.name.slice(dot + 1));
      resource = new NetworkLinuxVlan(this, iface.name, {
        ...common,
        interface: dot > 0 ? iface.name.slice(0, dot) : undefined,
        vlan: dot > 0 && Number.isInteger(vid) ? vid : undefined,
      });
    } else {
      const bridge = iface.spec as BridgeSpec;
      resource = new NetworkLinuxBridge(this, iface.name, {
        ...common,
        ports: bridge.ports ? [...bridge.ports] : undefined,
        vlanAware: bridge.vlanAware,
        vids: bridge.vids,
        comment: bridge.comment,
      });
      // The installer creates vmbr0 with the management address; adopt it
      // instead of failing to create an interface that already exists.
      if (iface.name === "vmbr0" && ip.address === sshHost) {
        adoptExisting(resource, `${this.nodeName}:vmbr0`, provider);
      }
    }
    ctx.register(resource, "network", this.nodeName, iface.name);
    ctx.networkResources.push(resource);
    return resource;
  }

  /** The address fields (CIDR form) for an interface that carries the node's address on a network. */
  private ipConfig(
    ctx: EmitContext,
    iface: DeclaredInterface,
  ): { fields: Record<string, string>; address?: string; mtu?: number } {
    const netName = iface.spec.network;
    if (netName === undefined) return { fields: {} };
    const path = this.path(ctx, iface.kind, iface.index, "network");
    const network = ctx.model.network(netName);
    const cidr = ctx.model.cidrOf(netName);
    if (!network || !cidr) {
      throw new ClusterDefinitionError(path, `interface "${iface.name}" refers to network "${netName}", which spec.networks does not define with a valid CIDR`);
    }
    const address = ctx.model.addressOf(this.nodeName, netName);
    if (!address) {
      throw new ClusterDefinitionError(path, `node "${this.nodeName}" has no address on network "${netName}"; add it under addresses`);
    }
    const v6 = parseIp(address)?.kind() === "ipv6";
    const fields: Record<string, string> = { [v6 ? "address6" : "address"]: `${address}/${cidr.prefix}` };
    if (network.gateway) fields[parseIp(network.gateway)?.kind() === "ipv6" ? "gateway6" : "gateway"] = network.gateway;
    return { fields, address, mtu: network.mtu };
  }

  private path(ctx: EmitContext, kind: InterfaceKind, index: number, field: string): string {
    const list = kind === "bond" ? "bonds" : kind === "vlan" ? "vlans" : "bridges";
    return ctx.model.nodePath(this.nodeName, "interfaces", list, index, field);
  }
}
