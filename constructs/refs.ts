/**
 * Constructs refer to each other by name, as the spec does. Each reference
 * accepts the name or the object that carries it, so TypeScript users can pass
 * the handle an `add*()` call returned.
 */
export type NetworkRef = string | { readonly name: string };

export function refName(ref: string | { readonly name: string }): string {
  return typeof ref === "string" ? ref : ref.name;
}

/** Copies `obj` without its undefined-valued keys, so spec data stays minimal and comparable. */
export function compact<T extends object>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as T;
}
