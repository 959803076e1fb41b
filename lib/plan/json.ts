/** A value as JSON.parse returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object, or an empty one: lets callers read attributes of an absent `before`/`after`. */
export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** Terraform writes absent and null the same way for our purposes: "no value". */
export function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** Structural equality of JSON values; null and a missing key count as equal. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isAbsent(a) || isAbsent(b)) return isAbsent(a) && isAbsent(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    for (const key of Object.keys(a)) if (!jsonEqual(a[key], b[key])) return false;
    for (const key of Object.keys(b)) if (!(key in a) && !isAbsent(b[key])) return false;
    return true;
  }
  return false;
}

/** Reads a string attribute, looking through single-element block lists (`[{...}]`) as Terraform writes them. */
export function stringAt(value: unknown, ...keys: string[]): string | undefined {
  const found = valueAt(value, ...keys);
  if (typeof found === "string") return found;
  if (typeof found === "number") return String(found);
  return undefined;
}

/** Reads a nested value; a one-element array on the way is looked through (nested blocks). */
export function valueAt(value: unknown, ...keys: string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (Array.isArray(current)) current = current.length === 1 ? current[0] : undefined;
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}
