/** What a rule reports. Errors stop synthesis unless the spec acknowledges the rule. */
export type Severity = "error" | "warning" | "info";

export interface Finding {
  /** Rule ID from the catalog (docs/rules.md), e.g. "C3". */
  readonly rule: string;
  readonly severity: Severity;
  /** JSON pointer into the spec document, e.g. "/spec/corosync/links/0/network". */
  readonly path: string;
  /** What is wrong and why it matters, in plain words. */
  readonly message: string;
  /** How to fix the spec. */
  readonly hint: string;
  /** Set when the spec's `acknowledge:` list accepts this rule. */
  readonly acknowledged?: { readonly reason: string };
}

/** True when the finding blocks synthesis. */
export function isBlocking(f: Finding): boolean {
  return f.severity === "error" && !f.acknowledged;
}

/** Builds a JSON pointer from segments, escaping `~` and `/` as RFC 6901 requires. */
export function pointer(...segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
