/**
 * Terraform value types (the `type` of an attribute in `terraform providers
 * schema -json`) and the rules Terraform uses to convert a JSON configuration
 * value to them.
 */

export type PrimitiveKind = "string" | "number" | "bool";

export type TfType =
  | { readonly kind: PrimitiveKind }
  | { readonly kind: "dynamic" }
  | { readonly kind: "list" | "set" | "map"; readonly element: TfType }
  | {
      readonly kind: "object";
      readonly attributes: ReadonlyMap<string, TfType>;
      /** Keys that may be left out; only schema-declared optional attributes (rare in provider schemas). */
      readonly optional: ReadonlySet<string>;
    }
  | { readonly kind: "tuple"; readonly elements: readonly TfType[] };

export class SchemaFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaFormatError";
  }
}

const PRIMITIVES: Record<string, TfType> = {
  string: { kind: "string" },
  number: { kind: "number" },
  bool: { kind: "bool" },
  dynamic: { kind: "dynamic" },
};

/** Parses a type as the schema JSON spells it: `"string"`, `["list","string"]`, `["object",{...}]`, ... */
export function parseTfType(raw: unknown, where: string): TfType {
  if (typeof raw === "string") {
    const primitive = PRIMITIVES[raw];
    if (primitive) return primitive;
  } else if (Array.isArray(raw) && typeof raw[0] === "string") {
    const [kind, arg, optional] = raw as [string, unknown, unknown];
    switch (kind) {
      case "list":
      case "set":
      case "map":
        if (arg === undefined) break;
        return { kind, element: parseTfType(arg, where) };
      case "object": {
        if (typeof arg !== "object" || arg === null || Array.isArray(arg)) break;
        const attributes = new Map<string, TfType>();
        for (const [name, t] of Object.entries(arg)) attributes.set(name, parseTfType(t, `${where}.${name}`));
        const optionalKeys = Array.isArray(optional) ? optional.filter((k): k is string => typeof k === "string") : [];
        return { kind: "object", attributes, optional: new Set(optionalKeys) };
      }
      case "tuple":
        if (!Array.isArray(arg)) break;
        return { kind: "tuple", elements: arg.map((t, i) => parseTfType(t, `${where}[${i}]`)) };
    }
  }
  throw new SchemaFormatError(`unsupported type ${JSON.stringify(raw)} at ${where}`);
}

/** How the type reads in a message: `list of object`, `map of string`. */
export function typeName(type: TfType): string {
  switch (type.kind) {
    case "list":
    case "set":
    case "map":
      return `${type.kind} of ${typeName(type.element)}`;
    case "dynamic":
      return "any value";
    default:
      return type.kind;
  }
}

/**
 * Whether a JSON string is a Terraform template with an interpolation (`${`)
 * or a directive (`%{`), i.e. an expression whose value is only known when
 * Terraform evaluates it. `$${` and `%%{` are escapes for the literal text.
 */
export function isExpression(value: string): boolean {
  for (let i = value.indexOf("{", 1); i !== -1; i = value.indexOf("{", i + 1)) {
    const marker = value[i - 1];
    // `${` starts an interpolation unless the `$` is itself preceded by `$` (same for `%{`).
    if ((marker === "$" || marker === "%") && value[i - 2] !== marker) return true;
  }
  return false;
}

/** The literal text of a template without interpolations (`$${` stands for `${`). */
function templateLiteral(value: string): string {
  return value.includes("{") ? value.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{") : value;
}

// What Go's big.Float parses in base 10 (cty's string-to-number conversion):
// optional sign, decimal mantissa, optional e/E (decimal) or p/P (binary) exponent,
// or Inf/inf. No whitespace, no hex, no underscores, no NaN.
const NUMBER_STRING = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eEpP][+-]?\d+)?|[Ii]nf)$/;

/** Whether Terraform converts this string to a number. */
export function isNumberString(value: string): boolean {
  return NUMBER_STRING.test(templateLiteral(value));
}

/** Whether Terraform converts this string to a bool: exactly "true", "false", "1" or "0". */
export function isBoolString(value: string): boolean {
  const text = templateLiteral(value);
  return text === "true" || text === "false" || text === "1" || text === "0";
}

/** A short description of a JSON value for messages: `the string "abc"`, `a list of 2`. */
export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  switch (typeof value) {
    case "string": {
      const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case "number":
      return `the number ${value}`;
    case "boolean":
      return `the bool ${value}`;
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}
