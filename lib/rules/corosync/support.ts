/**
 * Small helpers shared by the rules of sections A–C (nodes, corosync, quorum).
 */
import * as ipaddr from "ipaddr.js";
import { Severity } from "../../model/findings";
import { ClusterModel } from "../../model/model";
import { BondSpec, NetworkSpec, NodeSpec } from "../../model/spec-types";
import { RuleFinding } from "../rule";

export function finding(rule: string, severity: Severity, path: string, message: string, hint: string): RuleFinding {
  return { rule, severity, path, message, hint };
}

/** Dotted-quad IPv4 or IPv6 without a zone: what corosync.conf should hold as a ring address. */
export function isIpLiteral(text: unknown): boolean {
  if (typeof text !== "string") return false;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return true;
  return text.includes(":") && !text.includes("%") && ipaddr.IPv6.isValid(text);
}

export { quoted, plural } from "../wording";

/** The roles of a network, tolerating a half-written spec. */
export function rolesOf(net: NetworkSpec | undefined): readonly string[] {
  return Array.isArray(net?.roles) ? net.roles : [];
}

/**
 * The bond a node's address on a network sits on, if any: a bond carrying the network
 * itself, a bridge or VLAN interface carrying it on top of a bond, or a VLAN on a bridge
 * over a bond. Returns the bond and its index in the node's `interfaces.bonds`.
 */
export function bondUnder(node: NodeSpec, network: string): { bond: BondSpec; index: number } | undefined {
  const ifaces = node.interfaces;
  const bonds = ifaces?.bonds ?? [];
  if (bonds.length === 0) return undefined;
  const bondIndex = new Map<string, number>();
  bonds.forEach((b, i) => {
    if (!bondIndex.has(b.name)) bondIndex.set(b.name, i);
  });
  const bridges = new Map((ifaces?.bridges ?? []).map((b) => [b.name, b] as const));
  const vlans = new Map((ifaces?.vlans ?? []).map((v) => [v.name, v] as const));

  // Walk down from an interface name to the first bond, at most a few levels (VLAN → bridge → bond).
  const resolve = (name: string, depth: number): number | undefined => {
    if (depth > 4 || typeof name !== "string") return undefined;
    const direct = bondIndex.get(name);
    if (direct !== undefined) return direct;
    const bridge = bridges.get(name);
    if (bridge) {
      for (const port of bridge.ports ?? []) {
        const found = resolve(port, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (vlans.has(name)) {
      const dot = name.lastIndexOf(".");
      return dot > 0 ? resolve(name.slice(0, dot), depth + 1) : undefined;
    }
    return undefined;
  };

  const carriers = [...bonds, ...(ifaces?.bridges ?? []), ...(ifaces?.vlans ?? [])].filter((i) => i.network === network);
  for (const carrier of carriers) {
    const index = resolve(carrier.name, 0);
    if (index !== undefined) return { bond: bonds[index], index };
  }
  return undefined;
}

/** Network roles that move bulk data: what must never share the primary corosync link (C3). */
export const BULK_ROLES: ReadonlySet<string> = new Set(["ceph-public", "ceph-cluster", "storage", "migration"]);

/** Names of the networks that carry bulk (storage or migration) traffic: by role, or named by ceph/migration settings. */
export function bulkTrafficNetworks(model: ClusterModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string | undefined, what: string) => {
    if (typeof name !== "string" || !model.network(name)) return;
    const list = out.get(name) ?? [];
    if (!list.includes(what)) list.push(what);
    out.set(name, list);
  };
  const WORDS: Record<string, string> = {
    "ceph-public": "Ceph public traffic",
    "ceph-cluster": "Ceph replication and recovery traffic",
    storage: "storage traffic",
    migration: "migration traffic",
  };
  for (const net of model.networks) for (const role of rolesOf(net)) if (BULK_ROLES.has(role)) add(net.name, WORDS[role]);
  add(model.body.ceph?.publicNetwork, WORDS["ceph-public"]);
  add(model.body.ceph?.clusterNetwork, WORDS["ceph-cluster"]);
  add(model.body.migration?.network, WORDS.migration);
  return out;
}
