/** Small helpers for finding messages, shared by every rule folder. */

/** "a", "a and b", "a, b and c" — quoted, for messages. */
export function quoted(items: readonly string[], limit = 5): string {
  const q = items.slice(0, limit).map((s) => `'${s}'`);
  if (items.length > limit) q.push(`${items.length - limit} more`);
  if (q.length <= 1) return q.join("");
  return `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

/** "1 node", "3 nodes". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
