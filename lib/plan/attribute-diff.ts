import { JsonValue, isAbsent, isObject, jsonEqual } from "./json";
import { PathSegment } from "./paths";

/**
 * How one side of an attribute change is shown. Sensitive values never leave
 * this module: only the fact that they are sensitive does.
 */
export type Shown =
  | { readonly kind: "value"; readonly value: JsonValue }
  | { readonly kind: "absent" }
  | { readonly kind: "sensitive" }
  | { readonly kind: "unknown" };

export interface LeafChange {
  readonly path: readonly PathSegment[];
  readonly before: Shown;
  readonly after: Shown;
}

/**
 * The masks Terraform writes next to a change: each mirrors the value's shape,
 * with `true` where the value is sensitive (or, for `afterUnknown`, known only
 * after apply). `true` at a container marks the whole container.
 */
export interface ValueMasks {
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
  readonly afterUnknown?: unknown;
}

const ABSENT: Shown = { kind: "absent" };
const SENSITIVE: Shown = { kind: "sensitive" };
const UNKNOWN: Shown = { kind: "unknown" };

/**
 * The changed leaves between two attribute trees, in a stable order (object keys
 * sorted, list items by index). Lists of plain values that differ are reported
 * as one change of the whole list, which reads better than per-index noise.
 * Linear in the size of the two trees.
 */
export function diffAttributes(before: unknown, after: unknown, masks: ValueMasks = {}): LeafChange[] {
  const secrets = new Set<unknown>();
  // Most changes mark nothing sensitive: then there is nothing to collect (masks are small, values are not).
  if (marksAnything(masks.beforeSensitive)) collectSecrets(before, masks.beforeSensitive, false, secrets);
  if (marksAnything(masks.afterSensitive)) collectSecrets(after, masks.afterSensitive, false, secrets);
  const out: LeafChange[] = [];
  new Walker(secrets, out).walk(before, after, masks.beforeSensitive, masks.afterSensitive, masks.afterUnknown, []);
  return out;
}

class Walker {
  constructor(
    /**
     * Values marked sensitive anywhere in this change. Terraform does not always
     * carry the mark to derived attributes (terraform_data's `output` repeats a
     * sensitive `input` unmarked), so a value equal to a secret is hidden too.
     */
    private readonly secrets: ReadonlySet<unknown>,
    private readonly out: LeafChange[],
  ) {}

  walk(before: unknown, after: unknown, beforeSensitive: unknown, afterSensitive: unknown, afterUnknown: unknown, path: PathSegment[]): void {
    if (afterUnknown === true) {
      this.out.push({ path: [...path], before: this.show(before, beforeSensitive === true), after: UNKNOWN });
      return;
    }
    if (beforeSensitive === true || afterSensitive === true) {
      const sameSensitivity = (beforeSensitive === true) === (afterSensitive === true);
      if (!sameSensitivity || !jsonEqual(before, after)) {
        this.out.push({
          path: [...path],
          before: this.show(before, beforeSensitive === true),
          after: this.show(after, afterSensitive === true),
        });
      }
      return;
    }

    const beforeIsObject = isObject(before);
    const afterIsObject = isObject(after);
    if (
      (beforeIsObject || isAbsent(before)) &&
      (afterIsObject || isAbsent(after)) &&
      (beforeIsObject || afterIsObject || isObject(afterUnknown))
    ) {
      const b = beforeIsObject ? before : {};
      const a = afterIsObject ? after : {};
      for (const key of unionKeys(b, a, afterUnknown)) {
        path.push(key);
        this.walk(b[key], a[key], child(beforeSensitive, key), child(afterSensitive, key), child(afterUnknown, key), path);
        path.pop();
      }
      return;
    }

    const beforeIsArray = Array.isArray(before);
    const afterIsArray = Array.isArray(after);
    if ((beforeIsArray || isAbsent(before)) && (afterIsArray || isAbsent(after)) && (beforeIsArray || afterIsArray)) {
      const b = beforeIsArray ? (before as unknown[]) : [];
      const a = afterIsArray ? (after as unknown[]) : [];
      const plain =
        allPlain(b) && allPlain(a) && !marksAnything(beforeSensitive) && !marksAnything(afterSensitive) && !marksAnything(afterUnknown);
      if (plain) {
        if (!jsonEqual(before, after)) this.leaf(before, after, path);
        return;
      }
      const length = Math.max(b.length, a.length);
      for (let i = 0; i < length; i++) {
        path.push(i);
        this.walk(b[i], a[i], child(beforeSensitive, i), child(afterSensitive, i), child(afterUnknown, i), path);
        path.pop();
      }
      return;
    }

    if (!jsonEqual(before, after)) this.leaf(before, after, path);
  }

  private leaf(before: unknown, after: unknown, path: readonly PathSegment[]): void {
    this.out.push({ path: [...path], before: this.show(before, false), after: this.show(after, false) });
  }

  private show(value: unknown, sensitive: boolean): Shown {
    if (isAbsent(value)) return ABSENT;
    if (sensitive || (this.secrets.size > 0 && containsSecret(value, this.secrets))) return SENSITIVE;
    return { kind: "value", value: value as JsonValue };
  }
}

/** Gathers the plain values under `true` marks of a sensitivity mask. */
function collectSecrets(value: unknown, mask: unknown, marked: boolean, into: Set<unknown>): void {
  if (!marked && !(mask === true || Array.isArray(mask) || isObject(mask))) return;
  const isMarked = marked || mask === true;
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectSecrets(item, Array.isArray(mask) ? mask[i] : undefined, isMarked, into));
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) collectSecrets(value[key], isObject(mask) ? mask[key] : undefined, isMarked, into);
  } else if (isMarked && !isAbsent(value) && value !== "" && typeof value !== "boolean") {
    into.add(value);
  }
}

function containsSecret(value: unknown, secrets: ReadonlySet<unknown>): boolean {
  if (Array.isArray(value)) return value.some((v) => containsSecret(v, secrets));
  if (isObject(value)) return Object.values(value).some((v) => containsSecret(v, secrets));
  return secrets.has(value);
}

function child(mask: unknown, key: PathSegment): unknown {
  if (typeof key === "number") return Array.isArray(mask) ? mask[key] : undefined;
  return isObject(mask) ? mask[key] : undefined;
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>, unknownMask: unknown): string[] {
  const keys = new Set(Object.keys(a));
  for (const key of Object.keys(b)) keys.add(key);
  // Attributes known only after apply are missing from `after`; the mask still names them.
  if (isObject(unknownMask)) for (const key of Object.keys(unknownMask)) if (marksAnything(unknownMask[key])) keys.add(key);
  return [...keys].sort(compareStrings);
}

function allPlain(items: readonly unknown[]): boolean {
  for (const item of items) if (typeof item === "object" && item !== null) return false;
  return true;
}

/** Whether a mask marks anything at all (a `true` anywhere inside). */
function marksAnything(mask: unknown): boolean {
  if (mask === true) return true;
  if (Array.isArray(mask)) return mask.some(marksAnything);
  if (isObject(mask)) return Object.values(mask).some(marksAnything);
  return false;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
