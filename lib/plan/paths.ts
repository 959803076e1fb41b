/** One step into a value: an object key or a list index (Terraform's `replace_paths` use the same form). */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Renders a path the way people write attribute references: `disk[0].size`,
 * `input.pvecdk_step`, `tags["team name"]`.
 */
export function renderPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** True when `prefix` names `path` itself or one of the values inside it. */
export function isPathWithin(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  if (path.length === prefix.length) return true;
  const next = path[prefix.length];
  return next === "." || next === "[";
}

/** The object keys of a path with list indexes dropped: `disk[0].file_id` → `disk.file_id`. */
export function keyPath(path: readonly PathSegment[]): string {
  return path.filter((s): s is string => typeof s === "string").join(".");
}
