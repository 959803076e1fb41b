/**
 * JSON paths for problem locations, in the style Terraform uses in its own
 * diagnostics: `resource.proxmox_virtual_environment_vm.web.network_device[0].bridge`.
 * Keys that are not plain identifiers are quoted: `environment["MY VAR"]`.
 */

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function childPath(path: string, key: string): string {
  if (PLAIN_KEY.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/**
 * Closest candidate by edit distance, if it is close enough to be a likely
 * typo; otherwise the one candidate that extends the name by a `_suffix`
 * (`vlan` → `vlan_id`).
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const extensions = list.filter((c) => c.startsWith(`${name}_`));
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of list) {
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(name, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? (extensions.length === 1 ? extensions[0] : undefined);
}

/** Levenshtein distance, giving up (returning `cap`) once it cannot be below `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin >= cap) return cap;
    previous = current;
  }
  return previous[b.length];
}
