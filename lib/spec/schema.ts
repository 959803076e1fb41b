import Ajv2020, { ValidateFunction } from "ajv/dist/2020";
import * as ipaddr from "ipaddr.js";
import schemaJson from "../../schema/cluster.schema.json";

/** The JSON Schema of a cluster spec (schema/cluster.schema.json), for editors and other tools. */
export const CLUSTER_SCHEMA: object = schemaJson;

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Dotted-quad IPv4 only: ipaddr.js also accepts forms like "10.1" or hex parts, which PVE does not. */
export function isIpv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

/** IPv6 without a zone ID (a '%' would reach shell commands and config files). */
export function isIpv6(text: string): boolean {
  return text.includes(":") && !text.includes("%") && ipaddr.IPv6.isValid(text);
}

export function isIp(text: string): boolean {
  return isIpv4(text) || isIpv6(text);
}

/** `address/prefix` with a prefix that fits the address family; host bits may be set (rules judge that). */
export function isCidr(text: string): boolean {
  const slash = text.indexOf("/");
  if (slash < 0) return false;
  const address = text.slice(0, slash);
  const prefix = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  if (isIpv4(address)) return bits <= 32;
  if (isIpv6(address)) return bits <= 128;
  return false;
}

/** The formats the schema names; each is checked here so messages and editors agree on one definition. */
const FORMATS: Readonly<Record<string, (text: string) => boolean>> = {
  ip: isIp,
  ipv4: isIpv4,
  cidr: isCidr,
  host: (text) => isIp(text) || (HOSTNAME.test(text) && !/^[0-9.]+$/.test(text)),
  "ipv4-config": (text) => text === "dhcp" || (text.includes("/") && isCidr(text) && isIpv4(text.slice(0, text.indexOf("/")))),
};

let compiled: ValidateFunction | undefined;

/** The compiled validator, built on first use (compiling costs a few milliseconds). */
export function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({
      allErrors: true,
      // Messages quote the offending value and describe the schema that rejected it.
      verbose: true,
      discriminator: true,
      strict: true,
      // The `title`s in $defs name the kind of value ("node name") in messages.
      strictTypes: false,
      // A discriminated union requires its tag at the top while the branches define it.
      strictRequired: false,
    });
    for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: "string", validate });
    compiled = ajv.compile(CLUSTER_SCHEMA);
  }
  return compiled;
}
