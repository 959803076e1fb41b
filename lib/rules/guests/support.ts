/**
 * Small helpers shared by the rules of sections G–M: building findings, strict IP
 * parsing (ipaddr.js alone accepts legacy forms like "10.1"), and readable lists.
 */
import * as ipaddr from "ipaddr.js";
import { Severity } from "../../model/findings";
import { Cidr } from "../../model/net";
import { RuleFinding } from "../rule";

/**
 * A host address. IPv4 is kept as a 32-bit number because these rules compare tens of
 * thousands of guest and node addresses; IPv6 goes through ipaddr.js.
 */
export type Ip =
  | { readonly kind: "ipv4"; readonly value: number }
  | { readonly kind: "ipv6"; readonly address: ipaddr.IPv6 };

export function finding(rule: string, severity: Severity, path: string, message: string, hint: string): RuleFinding {
  return { rule, severity, path, message, hint };
}

const DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/** Parses a host address: dotted-quad IPv4 (no legacy forms like "10.1") or any valid IPv6; undefined otherwise. */
export function parseHostIp(text: unknown): Ip | undefined {
  if (typeof text !== "string") return undefined;
  const m = DOTTED_QUAD.exec(text);
  if (m) {
    const o = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    if (o.some((x) => x > 255)) return undefined;
    return { kind: "ipv4", value: ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0 };
  }
  if (text.includes(":") && ipaddr.IPv6.isValid(text)) return { kind: "ipv6", address: ipaddr.IPv6.parse(text) };
  return undefined;
}

/** Parses "address/prefix" with a strict host part (e.g. a cloud-init ipv4 value). */
export function parseHostCidr(text: unknown): { ip: Ip; prefix: number } | undefined {
  if (typeof text !== "string") return undefined;
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const ip = parseHostIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= (ip.kind === "ipv4" ? 32 : 128) ? { ip, prefix } : undefined;
}

/** The address in canonical text (IPv6 compressed), for messages and equality. */
export function ipText(ip: Ip): string {
  if (ip.kind === "ipv6") return ip.address.toString();
  const v = ip.value;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** A key that is equal for equal addresses, whatever their spelling. */
export function ipKey(ip: Ip): string {
  return ip.kind === "ipv4" ? `4:${ip.value}` : `6:${ip.address.toNormalizedString()}`;
}

function v4Mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function inSubnet(ip: Ip, base: Ip, prefix: number): boolean {
  if (ip.kind === "ipv4" && base.kind === "ipv4") {
    const mask = v4Mask(prefix);
    return ((ip.value & mask) >>> 0) === ((base.value & mask) >>> 0);
  }
  if (ip.kind === "ipv6" && base.kind === "ipv6") return ip.address.match(base.address, prefix);
  return false;
}

const cidrBases = new WeakMap<Cidr, Ip | null>();

function cidrBase(cidr: Cidr): Ip | undefined {
  let base = cidrBases.get(cidr);
  if (base === undefined) {
    base = cidr.address.kind() === "ipv4" ? (parseHostIp(cidr.address.toString()) ?? null) : { kind: "ipv6", address: cidr.address as ipaddr.IPv6 };
    cidrBases.set(cidr, base);
  }
  return base ?? undefined;
}

export function inCidr(ip: Ip, cidr: Cidr): boolean {
  const base = cidrBase(cidr);
  return base !== undefined && inSubnet(ip, base, cidr.prefix);
}

/** True for the network address and the IPv4 broadcast address of a subnet (prefixes below /31 only). */
export function isNetworkOrBroadcast(ip: Ip, cidr: Cidr): boolean {
  const base = cidrBase(cidr);
  if (ip.kind !== "ipv4" || base?.kind !== "ipv4" || cidr.prefix >= 31) return false;
  const mask = v4Mask(cidr.prefix);
  const network = (base.value & mask) >>> 0;
  const broadcast = (network | ~mask) >>> 0;
  return ip.value === network || ip.value === broadcast;
}

export { quoted, plural } from "../wording";
