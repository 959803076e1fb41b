import * as ipaddr from "ipaddr.js";

/** One generated bootstrap step: what it is, and the bash that performs it. */
export interface BootstrapScript {
  /** Step kind, e.g. "cluster-create"; also recorded in terraform_data.input.pvecdk_step. */
  readonly step: string;
  /** Full script text: starts with "#!/bin/bash" then "set -eu -o pipefail"; checks first and is idempotent. */
  readonly script: string;
}

/**
 * A value given to a script generator cannot be used safely or is not what the
 * Proxmox tool accepts. The message names the function and the field, e.g.
 * `clusterJoinScript: links[1].address "a b" is not an IP address or host name`.
 */
export class BootstrapInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BootstrapInputError";
  }
}

// Words made only of these characters need no quoting in any shell context we
// generate. `=` is left out so a quoted value can never read as an assignment,
// `~` so it never expands to a home directory.
const BARE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

/**
 * POSIX-shell single-quote quoting: the result is one shell word that expands
 * to exactly `value`. Plain words (letters, digits, `_@%+:,./-`) stay bare so
 * scripts stay readable. NUL cannot be carried by any shell word, so it is refused.
 */
export function shellQuote(value: string): string {
  if (value.includes("\0")) {
    throw new BootstrapInputError("shellQuote: a shell word cannot contain a NUL character");
  }
  if (BARE_WORD.test(value)) return value;
  return "'" + value.replace(/'/g, "'\\''") + "'";
}

/** Quotes every word and joins them into one command line. */
export function shellCommand(...words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}

// ---- input validation -------------------------------------------------------
// Every generator validates its inputs against what the Proxmox tool accepts,
// so a bad spec fails at synthesis with a clear message instead of at apply time.

/** Describes where a value came from, for error messages: function name and field path. */
export interface Field {
  readonly fn: string;
  readonly name: string;
}

export function field(fn: string, name: string): Field {
  return { fn, name };
}

function reject(f: Field, value: unknown, problem: string): never {
  throw new BootstrapInputError(`${f.fn}: ${f.name} ${JSON.stringify(value)} ${problem}`);
}

// Control characters (newline, NUL, escape, …) never belong in a value that
// ends up on a command line, and a newline would split a remote-exec line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function requireString(f: Field, value: unknown): string {
  if (typeof value !== "string") reject(f, value, "must be a string");
  if (value.length === 0) reject(f, value, "must not be empty");
  if (CONTROL.test(value)) reject(f, value, "must not contain newlines or other control characters");
  return value;
}

export function requirePatternOf(f: Field, value: unknown, pattern: RegExp, what: string): string {
  const s = requireString(f, value);
  if (!pattern.test(s)) reject(f, s, `is not ${what}`);
  return s;
}

// PVE's node-name format (pve-node): a single DNS label.
const NODE_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

/** A PVE node name (a hostname without domain). */
export function nodeName(f: Field, value: unknown): string {
  const s = requirePatternOf(f, value, NODE_NAME, "a valid node name (letters, digits and inner hyphens)");
  if (s.length > 63) reject(f, s, "is longer than 63 characters");
  return s;
}

/** A cluster name: node-name rules, at most 15 characters (pvecm create). */
export function clusterName(f: Field, value: unknown): string {
  const s = requirePatternOf(f, value, NODE_NAME, "a valid cluster name (letters, digits and inner hyphens)");
  if (s.length > 15) reject(f, s, "is longer than 15 characters, the limit of pvecm create");
  return s;
}

/** An IPv4 address in dotted-quad form or an IPv6 address (no zone index). */
export function ipAddress(f: Field, value: unknown): string {
  const s = requireString(f, value);
  const ok = ipaddr.IPv4.isValidFourPartDecimal(s) || (/^[0-9A-Fa-f:.]+$/.test(s) && ipaddr.IPv6.isValid(s));
  if (!ok) reject(f, s, "is not an IP address");
  return s;
}

const DNS_NAME = /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** An IP address or a DNS host name. */
export function hostOrIp(f: Field, value: unknown): string {
  const s = requireString(f, value);
  const isIp = ipaddr.IPv4.isValidFourPartDecimal(s) || (/^[0-9A-Fa-f:.]+$/.test(s) && ipaddr.IPv6.isValid(s));
  if (!isIp && !DNS_NAME.test(s)) reject(f, s, "is not an IP address or host name");
  return s;
}

/** A CIDR, returned in canonical network form (10.0.20.7/24 → 10.0.20.0/24), as Ceph compares it. */
export function cidr(f: Field, value: unknown): string {
  const s = requireString(f, value);
  const v4 = ipaddr.IPv4.isValidCIDRFourPartDecimal(s);
  const v6 = !v4 && /^[0-9A-Fa-f:.]+\/[0-9]{1,3}$/.test(s) && ipaddr.IPv6.isValidCIDR(s);
  if (!v4 && !v6) reject(f, s, "is not a CIDR such as 10.0.20.0/24");
  const prefix = ipaddr.parseCIDR(s)[1];
  const network = v4 ? ipaddr.IPv4.networkAddressFromCIDR(s) : ipaddr.IPv6.networkAddressFromCIDR(s);
  return `${network.toString()}/${prefix}`;
}

/**
 * A block device path. Any character but control characters is allowed (udev
 * names can hold quotes or backslashes; quoting carries them), but the path
 * must be absolute under /dev and must not climb out of it.
 */
export function devicePath(f: Field, value: unknown): string {
  const s = requireString(f, value);
  if (!s.startsWith("/dev/") || s.length === "/dev/".length) reject(f, s, "must be a device path starting with /dev/");
  if (s.split("/").includes("..")) reject(f, s, "must not contain '..' segments");
  return s;
}

// PVE storage IDs (pve-storage-id).
const STORAGE_ID = /^[a-z][a-z0-9._-]*[a-z0-9]$/;

export function storageId(f: Field, value: unknown): string {
  return requirePatternOf(f, value, STORAGE_ID, "a valid storage ID (lower-case letters, digits, '.', '_', '-'; starting with a letter)");
}

/** A Ceph pool or CephFS name as pveceph accepts it: no ':', '/' or whitespace. A leading '-' would read as an option. */
export function cephName(f: Field, value: unknown): string {
  const s = requirePatternOf(f, value, /^[^:/\s]+$/, "a valid Ceph name (no ':', '/' or whitespace)");
  if (s.startsWith("-")) reject(f, s, "must not start with '-'");
  return s;
}

/** CRUSH rule names, device classes and similar plain Ceph identifiers. */
export function crushName(f: Field, value: unknown): string {
  return requirePatternOf(f, value, /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "a plain name (letters, digits, '_', '.', '-')");
}

/** A value from a fixed list. */
export function oneOf<T extends string>(f: Field, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    reject(f, value, `must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

export function integer(f: Field, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value)) reject(f, value, "must be an integer");
  if (value < min || value > max) reject(f, value, `must be between ${min} and ${max}`);
  return value;
}

export function boolean(f: Field, value: unknown): boolean {
  if (typeof value !== "boolean") reject(f, value, "must be true or false");
  return value;
}

// ---- script assembly ----------------------------------------------------------

const STEP_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Wraps a step body in the common prelude: shebang, strict mode, and the
 * `say`/`fail` helpers that prefix every message with `pvecdk: <step>:` so
 * apply logs show which step spoke. `root` (state paths are read under
 * `$PVECDK_ROOT`, empty on a real node) is declared only when the body uses it.
 */
export function renderScript(step: string, summary: string, body: readonly string[]): BootstrapScript {
  if (!STEP_NAME.test(step)) throw new Error(`internal: invalid step name ${JSON.stringify(step)}`);
  const text = body.join("\n");
  const lines = [
    "#!/bin/bash",
    `# pvecdk bootstrap step "${step}": ${summary}`,
    "# Generated by pvecdk from the cluster spec; change the spec, not this script.",
    "# It checks first and changes nothing when the step is already done, so it is safe to run again.",
    "set -eu -o pipefail",
    "",
  ];
  if (/\$root\b|\$\{root\}/.test(text)) {
    lines.push(
      "# Node state is read under PVECDK_ROOT: empty on a real node, a scratch tree in pvecdk's tests.",
      "root=${PVECDK_ROOT:-}",
    );
  }
  lines.push(
    `say() { printf 'pvecdk: ${step}: %s\\n' "$*"; }`,
    `fail() { printf 'pvecdk: ${step}: error: %s\\n' "$*" >&2; exit 1; }`,
    "",
    ...body,
  );
  return { step, script: lines.join("\n") + "\n" };
}

// shellcheck flags `$` or a backtick inside single quotes (SC2016) because it
// is usually a mistake; in a quoted value it is exactly what we mean, so a line
// carrying such a value gets a directive that covers that line only.
function literalDirective(values: readonly string[]): string {
  return values.some((v) => !BARE_WORD.test(v) && /[$`]/.test(v)) ? "# shellcheck disable=SC2016\n" : "";
}

/** A command line for a script body: quoted words, preceded by a shellcheck directive when a value holds a literal `$` or backtick. */
export function commandLine(...words: readonly string[]): string {
  return literalDirective(words) + shellCommand(...words);
}

/** Assigns a shell variable from a literal value, quoted. */
export function assign(name: string, value: string): string {
  return `${literalDirective([value])}${name}=${shellQuote(value)}`;
}

/**
 * Lines that stop the script unless it runs on `node` (the short hostname, as
 * PVE derives its node name), so a step wired to the wrong host fails loudly.
 */
export function requireNode(node: string): string[] {
  return [
    assign("node", node),
    "this_node=$(hostname)",
    "this_node=${this_node%%.*}",
    `[ "$this_node" = "$node" ] || fail "this step is meant for node $node but runs on $this_node"`,
  ];
}

/**
 * A bounded polling loop: runs `check` (lines that leave the loop with `break`
 * or `exit 0` once satisfied) up to `attempts` times, `intervalSeconds` apart.
 * Counting attempts rather than reading the clock keeps the loop testable with
 * a stand-in `sleep`.
 */
export function pollLoop(check: readonly string[], attempts: number, intervalSeconds: number): string[] {
  return [
    `for ((attempt = 1; attempt <= ${attempts}; attempt++)); do`,
    ...check.map((l) => (l === "" ? "" : "  " + l)),
    `  if [ "$attempt" -lt ${attempts} ]; then sleep ${intervalSeconds}; fi`,
    "done",
  ];
}

/** Splits a timeout in seconds into poll attempts of `intervalSeconds` (at least one). */
export function attemptsFor(timeoutSeconds: number, intervalSeconds: number): number {
  return Math.max(1, Math.ceil(timeoutSeconds / intervalSeconds));
}
