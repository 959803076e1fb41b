import fc from "fast-check";
import { ClusterModel } from "../../lib/model/model";
import { ClusterSpec } from "../../lib/model/spec-types";
import { Rule } from "../../lib/rules/rule";

/** Keys the schema requires and the model itself reads unguarded; everything else may go missing. */
const REQUIRED = new Set(["nodes", "networks", "corosync", "roles"]);

type Edit = { pick: number; replacement: number; drop: boolean };
type Slot = [Record<string, unknown> | unknown[], string | number];

/** Every (parent, key) in the spec whose value is a leaf or an optional part. */
function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), slots(v, out)));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) (out.push([value as Record<string, unknown>, k]), slots(v, out));
  return out;
}

export interface NeverThrowsOptions {
  /** Replacement strings: names that exist, names that do not, broken addresses… */
  readonly strings: readonly string[];
  readonly numbers: readonly number[];
  readonly numRuns: number;
  /** Fixed, so a failure reproduces. */
  readonly seed: number;
}

/**
 * Property: a rule never throws, whatever a partly invalid spec looks like. Each run
 * applies 1–8 random edits to `start` (drop an optional part, or replace a leaf by
 * another string, number or the negated boolean) and runs every rule on the result.
 */
export function expectRulesNeverThrow(rules: readonly Rule[], start: ClusterSpec, options: NeverThrowsOptions): void {
  const text = JSON.stringify(start);
  const edit = fc.record({ pick: fc.nat(), replacement: fc.nat(), drop: fc.boolean() });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits: Edit[]) => {
      const spec = JSON.parse(text) as Record<string, unknown>;
      for (const e of edits) {
        const all = slots(spec.spec);
        const [parent, key] = all[e.pick % all.length];
        const slot = parent as Record<string | number, unknown>;
        const current = slot[key];
        if (e.drop && !Array.isArray(parent) && !REQUIRED.has(String(key))) delete slot[key];
        else if (e.drop && Array.isArray(parent)) parent.splice(key as number, 1);
        else if (typeof current === "string") slot[key] = options.strings[e.replacement % options.strings.length];
        else if (typeof current === "number") slot[key] = options.numbers[e.replacement % options.numbers.length];
        else if (typeof current === "boolean") slot[key] = !current;
      }
      const model = new ClusterModel(spec as unknown as ClusterSpec);
      for (const rule of rules) expect(() => rule.check(model)).not.toThrow();
    }),
    { numRuns: options.numRuns, seed: options.seed },
  );
}
