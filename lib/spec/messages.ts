import type { ErrorObject } from "ajv";
import { closestMatch } from "./suggest";

/** A schema problem before it is placed in the file. */
export interface LocatedMessage {
  readonly path: string;
  /**
   * Where to point in the file: at the key (unknown or badly named keys), at the
   * value (wrong values), or at the parent (missing keys).
   */
  readonly anchor: "key" | "value" | "parent";
  readonly message: string;
}

/** The original spelling of a scalar in the file (`9.0` rather than the parsed 9), when known. */
export type SourceText = (pointer: string) => string | undefined;

type Schema = Readonly<Record<string, unknown>>;

/** Characters that never belong in the names pvecdk passes to shell commands and config files. */
const UNSAFE = /[\s;&|$`'"\\<>(){}*?!#~^]/;

/** Kinds of values (schema titles) that reach shell commands or config files verbatim. */
const SHELL_BOUND = new Set([
  "cluster name",
  "node name",
  "name",
  "Ceph pool name",
  "guest name",
  "storage ID",
  "interface name",
  "device path",
  "path",
  "file name",
  "IP address or host name",
  "CPU type",
  "tag",
  "device id",
  "user name",
  "LVM volume group name",
  "LVM thin pool name",
  "ZFS pool or dataset",
  "CIFS share name",
]);

/** Turns ajv's errors into one plain-words message per problem, without ajv's vocabulary. */
export function describeSchemaErrors(errors: readonly ErrorObject[], sourceText: SourceText = () => undefined): LocatedMessage[] {
  const out: LocatedMessage[] = [];
  const seen = new Set<string>();
  // A value of the wrong type makes its other errors noise: keep the type error only.
  const typeErrorPaths = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword !== "type" && typeErrorPaths.has(error.instancePath) && !error.propertyName) continue;
    const message = describe(error, sourceText);
    if (!message) continue;
    const id = `${message.path}\u0000${message.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(message);
  }
  return out;
}

function describe(error: ErrorObject, sourceText: SourceText): LocatedMessage | undefined {
  const schema = (error.parentSchema ?? {}) as Schema;
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;

  // An invalid key of a map whose keys are names (addresses, node priorities).
  if (error.propertyName !== undefined) {
    if (error.keyword === "propertyNames") return undefined;
    const key = error.propertyName;
    return {
      path: child(path, key),
      anchor: "key",
      message: `${quote(key)} is not a valid ${title(schema) ?? "key"} (used as a key here)${unsafeNote(schema, key)} — use ${schema.description ?? "letters, digits, '.', '_' or '-'"}`,
    };
  }

  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((schema.properties ?? {}) as Schema);
      const guess = closestMatch(key, allowed);
      const where = path === "" ? "at the top of the document" : `in ${path}`;
      return {
        path: child(path, key),
        anchor: "key",
        message: `unknown key ${quote(key)} ${where} — ${guess ? `did you mean ${quote(guess)}?` : `allowed keys here: ${allowed.join(", ")}`}`,
      };
    }
    case "required": {
      const key = String(params.missingProperty);
      const property = ((schema.properties ?? {}) as Record<string, Schema>)[key];
      const what = typeof property?.description === "string" ? `: ${lowerFirst(property.description)}` : "";
      return { path: child(path, key), anchor: "parent", message: `missing required key ${quote(key)} — add it${what}` };
    }
    case "type":
      if (path === "") {
        const found = error.data === null || error.data === undefined ? "the file holds no document" : `the document is ${describeValue(error.data)}`;
        return {
          path: "/",
          anchor: "value",
          message: `${found} — a cluster spec is a mapping with apiVersion: pvecdk/v1, kind: Cluster and spec (see examples/homelab-3node.yaml)`,
        };
      }
      return { path, anchor: "value", message: typeMessage(schema, error.data, sourceText(path)) };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return {
        path,
        anchor: "value",
        message: `expected ${numberPhrase(schema)}, found ${String(error.data)} — use a value in that range`,
      };
    case "enum": {
      const allowed = (schema.enum ?? []) as unknown[];
      const value = String(error.data);
      const guess = closestMatch(value, allowed.map(String));
      return {
        path,
        anchor: "value",
        message: `${quote(value)} is not one of ${allowed.map((v) => quote(String(v))).join(", ")} — ${guess ? `did you mean ${quote(guess)}?` : "use one of them"}`,
      };
    }
    case "const": {
      const expected = String(schema.const);
      const key = lastSegment(path);
      return {
        path,
        anchor: "value",
        message: `expected ${quote(expected)}, found ${describeValue(error.data)} — write ${key}: ${expected}`,
      };
    }
    case "pattern": {
      const value = String(error.data);
      const what = title(schema) ?? lastSegment(path);
      const shown = value === "" ? "an empty value" : quote(value);
      return {
        path,
        anchor: "value",
        message: `${shown} is not a valid ${what}${unsafeNote(schema, value)} — use ${schema.description ?? "a simpler value"}`,
      };
    }
    case "format":
      return { path, anchor: "value", message: formatMessage(schema, String(error.data), String(params.format)) };
    case "minItems": {
      const limit = Number(params.limit);
      const found = Array.isArray(error.data) ? error.data.length : 0;
      return {
        path,
        anchor: "value",
        message: `expected at least ${limit} ${limit === 1 ? "entry" : "entries"} in ${lastSegment(path)}, found ${found} — add ${limit === 1 ? "one" : "them"}`,
      };
    }
    case "discriminator": {
      const tag = String(params.tag);
      const choices = ((schema.oneOf ?? []) as Schema[])
        .map((branch) => ((branch.properties as Record<string, Schema> | undefined)?.[tag]?.const as string | undefined) ?? "")
        .filter((c) => c !== "");
      const list = choices.map(quote).join(", ");
      if (params.error === "mapping") {
        const value = String(params.tagValue);
        const guess = closestMatch(value, choices);
        return {
          path: child(path, tag),
          anchor: "value",
          message: `${quote(value)} is not a valid ${tag} here — ${guess ? `did you mean ${quote(guess)}?` : `use one of ${list}`}`,
        };
      }
      const data = error.data as Record<string, unknown> | null;
      // A missing tag is already reported as a missing required key.
      if (data === null || typeof data !== "object" || !(tag in data)) return undefined;
      return { path: child(path, tag), anchor: "value", message: `${quote(tag)} must be text — set it to one of ${list}` };
    }
    case "oneOf":
      // Only the discriminated unions use oneOf; their discriminator error says it better.
      return undefined;
    case "propertyNames":
      // The error about the offending key itself (handled above) says which and why.
      return undefined;
    default:
      return { path: pathOrRoot(path), anchor: "value", message: `${lowerFirst(error.message ?? "is not valid")} — see docs/spec.md for this setting` };
  }
}

function typeMessage(schema: Schema, data: unknown, source: string | undefined): string {
  const expected = expectedPhrase(schema);
  const found = describeValue(data);
  const type = schema.type;
  let fix: string;
  if (data === null || data === undefined) {
    fix = "give it a value or remove the key";
  } else if (type === "string" && (typeof data === "number" || typeof data === "boolean")) {
    fix = `put it in quotes: "${source ?? String(data)}"`;
  } else if ((type === "integer" || type === "number") && typeof data === "string" && data.trim() !== "" && !Number.isNaN(Number(data))) {
    fix = "write the number without quotes";
  } else if (type === "integer" && typeof data === "number") {
    fix = "use a whole number";
  } else if (type === "boolean" && typeof data === "string") {
    fix = "write true or false, without quotes";
  } else if (type === "object" && Array.isArray(data)) {
    fix = "write it as 'key: value' lines, not as a list";
  } else if (type === "array" && !Array.isArray(data)) {
    fix = "write it as a list: one '- item' line per entry, or [a, b]";
  } else {
    fix = `write ${expected}`;
  }
  return `expected ${expected}, found ${found} — ${fix}`;
}

function formatMessage(schema: Schema, value: string, format: string): string {
  const what = title(schema) ?? format;
  if (format === "ip" && value.includes("/")) {
    return `${quote(value)} is not a plain IP address — drop the prefix "${value.slice(value.indexOf("/"))}": the network's cidr carries it`;
  }
  if (format === "cidr" && !value.includes("/")) {
    return `${quote(value)} is not a CIDR — add the prefix length, e.g. ${value}/24`;
  }
  return `${quote(value)} is not ${article(what)} ${what}${unsafeNote(schema, value)} — use ${schema.description ?? "a valid value"}`;
}

/** "an integer from 100 to 999999999", "a VMID (an integer from …)", "one of …". */
function expectedPhrase(schema: Schema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => quote(String(v))).join(", ")}`;
  if (schema.const !== undefined) return quote(String(schema.const));
  switch (schema.type) {
    case "integer":
    case "number":
      return numberPhrase(schema);
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
      return "a mapping ('key: value' lines)";
    case "string": {
      const name = title(schema);
      return name ? `${article(name)} ${name} (text)` : "text";
    }
    default:
      return "a value";
  }
}

function numberPhrase(schema: Schema): string {
  const noun = schema.type === "integer" ? "an integer" : "a number";
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  const above = schema.exclusiveMinimum as number | undefined;
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  if (above !== undefined) return `${noun} greater than ${above}`;
  if (min !== undefined) return `${noun} of at least ${min}`;
  if (max !== undefined) return `${noun} of at most ${max}`;
  return noun;
}

function describeValue(data: unknown): string {
  if (data === null || data === undefined) return "nothing (an empty value)";
  if (Array.isArray(data)) return "a list";
  switch (typeof data) {
    case "string":
      return `the text ${quote(data)}`;
    case "number":
    case "boolean":
      return String(data);
    case "object":
      return "a mapping";
    default:
      return String(data);
  }
}

function unsafeNote(schema: Schema, value: string): string {
  const kind = title(schema);
  return kind !== undefined && SHELL_BOUND.has(kind) && UNSAFE.test(value)
    ? " (spaces, quotes and characters such as ; $ | & are not allowed: the value reaches shell commands)"
    : "";
}

function title(schema: Schema): string | undefined {
  return typeof schema.title === "string" ? schema.title : undefined;
}

/** "a" or "an" as the noun is spoken: "an IP address", "an MTU", "a URL", "a user name". */
function article(noun: string): string {
  const word = noun.split(/[\s-]/)[0];
  const acronym = /^[A-Z0-9]{2,}/.test(word);
  const vowelSound = acronym ? /^[AEFHILMNORSX]/.test(word) : /^[aeio]/i.test(word);
  return vowelSound ? "an" : "a";
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function child(path: string, key: string): string {
  return `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

function pathOrRoot(path: string): string {
  return path === "" ? "/" : path;
}

function lastSegment(path: string): string {
  const segments = path.split("/");
  const last = segments[segments.length - 1] ?? "";
  return last === "" ? "the document" : last.replace(/~1/g, "/").replace(/~0/g, "~");
}
