/**
 * Per-node interface lookups for the bridge/VLAN/MTU rules (section L). Built once per
 * rule run; absent lists stay undefined so rules can tell "not declared" from "empty".
 */
import { BondSpec, BridgeSpec, NodeSpec, VlanInterfaceSpec } from "../../model/spec-types";

export interface Indexed<T> {
  readonly spec: T;
  readonly index: number;
}

export interface NodeInterfaces {
  readonly node: NodeSpec;
  /** Undefined when the node does not declare bridges at all (then nothing can be decided). */
  readonly bridges?: ReadonlyMap<string, Indexed<BridgeSpec>>;
  readonly bonds: ReadonlyMap<string, Indexed<BondSpec>>;
  readonly vlans: ReadonlyMap<string, Indexed<VlanInterfaceSpec>>;
  /** Undefined when the node does not list its physical NICs. */
  readonly physical?: ReadonlySet<string>;
}

function indexByName<T extends { readonly name: string }>(list: readonly T[] | undefined): Map<string, Indexed<T>> {
  const map = new Map<string, Indexed<T>>();
  (list ?? []).forEach((spec, index) => {
    if (!map.has(spec.name)) map.set(spec.name, { spec, index });
  });
  return map;
}

export function nodeInterfaces(node: NodeSpec): NodeInterfaces {
  const ifaces = node.interfaces;
  return {
    node,
    bridges: ifaces?.bridges ? indexByName(ifaces.bridges) : undefined,
    bonds: indexByName(ifaces?.bonds),
    vlans: indexByName(ifaces?.vlans),
    physical: ifaces?.physical ? new Set(ifaces.physical) : undefined,
  };
}

/** Linux's default MTU, used where the spec sets none. */
export const DEFAULT_MTU = 1500;

/**
 * Parses a bridge `vids` value ("2-4094", "10 20 100-199", commas also accepted).
 * Returns the ranges, or undefined when the text is not a list of VIDs 1–4094.
 */
export function parseVids(text: string): [number, number][] | undefined {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== "");
  if (parts.length === 0) return undefined;
  const ranges: [number, number][] = [];
  for (const part of parts) {
    const m = /^(\d{1,4})(?:-(\d{1,4}))?$/.exec(part);
    if (!m) return undefined;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < 1 || hi > 4094 || lo > hi) return undefined;
    ranges.push([lo, hi]);
  }
  return ranges;
}

export function isVlanId(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 4094;
}
