import { PlanReview } from "./review-model";

/**
 * CI gates. `destroy` follows Terraform's own counting ("N to destroy"):
 * deletes and replacements both destroy an object. `replace` trips on
 * replacements only. A create-then-forget replacement destroys nothing, so
 * only `replace` sees it.
 */
export const FAIL_ON_CONDITIONS = ["destroy", "replace"] as const;
export type FailOnCondition = (typeof FAIL_ON_CONDITIONS)[number];

export interface FailOnResult {
  readonly conditions: readonly FailOnCondition[];
  readonly tripped: boolean;
  /** Addresses that trip a condition, sorted. */
  readonly matches: readonly string[];
}

/**
 * Parses repeated and comma-separated `--fail-on` values. Returns the
 * conditions, or the first value it does not know.
 */
export function parseFailOn(values: readonly string[]): { conditions: FailOnCondition[] } | { unknown: string } {
  const conditions = new Set<FailOnCondition>();
  for (const value of values) {
    for (const part of value.split(",")) {
      const word = part.trim().toLowerCase();
      if (word === "") continue;
      if (!(FAIL_ON_CONDITIONS as readonly string[]).includes(word)) return { unknown: part.trim() };
      conditions.add(word as FailOnCondition);
    }
  }
  return { conditions: FAIL_ON_CONDITIONS.filter((c) => conditions.has(c)) };
}

export function evaluateFailOn(review: PlanReview, conditions: readonly FailOnCondition[]): FailOnResult {
  const matches = review.resources
    .filter((r) => {
      const destroys = r.action === "delete" || (r.action === "replace" && !r.actions.includes("forget"));
      return (conditions.includes("destroy") && destroys) || (conditions.includes("replace") && r.action === "replace");
    })
    .map((r) => r.address);
  return { conditions, tripped: matches.length > 0, matches };
}
