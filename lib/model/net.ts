import * as ipaddr from "ipaddr.js";

/** A parsed CIDR. `undefined` from parseCidr means the text is not a valid CIDR. */
export interface Cidr {
  readonly text: string;
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
}

export function parseCidr(text: string): Cidr | undefined {
  try {
    const [address, prefix] = ipaddr.parseCIDR(text);
    return { text, address, prefix };
  } catch {
    return undefined;
  }
}

export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  return ipaddr.isValid(text) ? ipaddr.parse(text) : undefined;
}

export function cidrContains(cidr: Cidr, ip: string): boolean {
  const parsed = parseIp(ip);
  if (!parsed || parsed.kind() !== cidr.address.kind()) return false;
  return parsed.match([cidr.address, cidr.prefix] as [ipaddr.IPv4 | ipaddr.IPv6, number] as never);
}

/** Two CIDRs overlap when either contains the other's network address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.address.kind() !== b.address.kind()) return false;
  const shorter = a.prefix <= b.prefix ? a : b;
  const longer = shorter === a ? b : a;
  return longer.address.match([shorter.address, shorter.prefix] as never);
}
