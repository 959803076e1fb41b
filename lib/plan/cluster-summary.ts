import { Finding, Severity } from "../model/findings";
import { ClusterModel, PoolSurvivability, QuorumMath } from "../model/model";
import { NetworkRole } from "../model/spec-types";

/** One row of "networks per role per node". */
export interface NetworkRoleRow {
  /** e.g. "management", "corosync link 0 (priority 20)". */
  readonly role: string;
  readonly network: string;
  readonly cidr: string;
  /** Node name → its address on the network (absent when the node has none). */
  readonly addresses: Readonly<Record<string, string | undefined>>;
}

export interface SummaryFinding extends Finding {
  /** Line in the spec file the finding points at, when known. */
  readonly line?: number;
}

/** The cluster as the spec describes it, next to the plan (`--spec`). */
export interface ClusterSummary {
  readonly name: string;
  readonly specFile: string;
  readonly nodes: readonly string[];
  readonly quorum: QuorumMath & { readonly qdevice: boolean };
  readonly pools: readonly PoolSurvivability[];
  readonly networks: readonly NetworkRoleRow[];
  readonly findings: readonly SummaryFinding[];
  readonly findingCounts: Readonly<Record<Severity, number>> & { readonly acknowledged: number };
}

const ROLE_ORDER: readonly NetworkRole[] = ["management", "corosync", "ceph-public", "ceph-cluster", "migration", "storage", "guest"];

export function summarizeCluster(
  model: ClusterModel,
  findings: readonly Finding[],
  specFile: string,
  lineOf?: (pointer: string) => number | undefined,
): ClusterSummary {
  const nodes = model.nodes.map((n) => n.name);
  const rows: NetworkRoleRow[] = [];
  const addressesOn = (network: string): Record<string, string | undefined> =>
    Object.fromEntries(nodes.map((node) => [node, model.addressOf(node, network)]));

  for (const link of [...(model.body.corosync?.links ?? [])].sort((a, b) => a.id - b.id)) {
    const net = model.network(link.network);
    rows.push({
      role: `corosync link ${link.id}${link.priority !== undefined ? ` (priority ${link.priority})` : ""}`,
      network: link.network,
      cidr: net?.cidr ?? "(unknown network)",
      addresses: addressesOn(link.network),
    });
  }
  for (const role of ROLE_ORDER) {
    for (const net of model.networksWithRole(role)) {
      // Corosync networks are already listed per link, with their priority.
      if (role === "corosync" && rows.some((r) => r.network === net.name && r.role.startsWith("corosync"))) continue;
      rows.push({ role, network: net.name, cidr: net.cidr, addresses: addressesOn(net.name) });
    }
  }

  const counts = { error: 0, warning: 0, info: 0, acknowledged: 0 };
  const summarized: SummaryFinding[] = findings.map((f) => {
    counts[f.severity]++;
    if (f.acknowledged) counts.acknowledged++;
    const line = lineOf?.(f.path);
    return line === undefined ? f : { ...f, line };
  });

  return {
    name: model.name,
    specFile,
    nodes,
    quorum: { ...model.quorum(), qdevice: model.hasQDevice() },
    pools: model.poolSurvivability(),
    networks: rows,
    findings: summarized,
    findingCounts: counts,
  };
}

/** What the spec says an interface or an address on a node is for; sharpens the network warnings (B6). */
export interface SpecContext {
  /** `${node}/${interface}` → roles of the networks configured on it. */
  readonly interfaceRoles: ReadonlyMap<string, InterfaceRoles>;
  /** Node IP → roles of the network it belongs to. */
  readonly addressRoles: ReadonlyMap<string, InterfaceRoles>;
}

export interface InterfaceRoles {
  readonly node: string;
  readonly networks: readonly string[];
  /** Network roles, plus "corosync" for networks that carry a corosync link. */
  readonly roles: readonly string[];
}

export function specContext(model: ClusterModel): SpecContext {
  const linkNetworks = new Set((model.body.corosync?.links ?? []).map((l) => l.network));
  const rolesOf = (network: string): string[] => {
    const roles = new Set<string>(model.network(network)?.roles ?? []);
    if (linkNetworks.has(network)) roles.add("corosync");
    return [...roles];
  };
  const interfaceRoles = new Map<string, InterfaceRoles>();
  const addressRoles = new Map<string, InterfaceRoles>();
  for (const node of model.nodes) {
    const ifaces = node.interfaces;
    for (const iface of [...(ifaces?.bridges ?? []), ...(ifaces?.bonds ?? []), ...(ifaces?.vlans ?? [])]) {
      if (iface.network) {
        interfaceRoles.set(`${node.name}/${iface.name}`, { node: node.name, networks: [iface.network], roles: rolesOf(iface.network) });
      }
    }
    for (const [network, address] of Object.entries(node.addresses ?? {})) {
      addressRoles.set(address, { node: node.name, networks: [network], roles: rolesOf(network) });
    }
  }
  return { interfaceRoles, addressRoles };
}
