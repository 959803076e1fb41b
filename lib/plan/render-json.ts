import { FailOnResult } from "./fail-on";
import { verdictText } from "./present";
import { PlanReview, isDestructive } from "./review-model";

/** Bumped when a field changes meaning or disappears; new fields may appear at any time. */
export const REVIEW_JSON_VERSION = 1;

/**
 * The review for machines (`--format json`): the same facts as the Markdown,
 * with full values. Sensitive values are never included: only `{ "kind": "sensitive" }`.
 */
export function renderJson(review: PlanReview, failOn?: FailOnResult): string {
  const doc = {
    pvecdkReview: REVIEW_JSON_VERSION,
    source: review.source,
    inputs: review.inputs,
    terraformVersion: review.terraformVersion,
    formatVersion: review.formatVersion,
    errored: review.errored,
    incomplete: review.incomplete,
    counts: review.counts,
    destructive: isDestructive(review),
    verdict: verdictText(review),
    attention: review.attention.map((r) => r.address),
    resources: review.resources,
    drift: review.drift,
    deferred: review.deferred,
    notes: review.notes,
    cluster: review.cluster,
    failOn: failOn && failOn.conditions.length > 0 ? failOn : undefined,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
