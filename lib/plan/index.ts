/**
 * Plan review: reads `terraform show -json` plans (and pairs of synthesized
 * outputs), decides what is destroyed, replaced or disrupted in Proxmox terms,
 * and renders the review as Markdown, terminal text or JSON.
 *
 *   const review = reviewPlan(parsePlanText(text), { input: "plan.json" });
 *   const markdown = renderMarkdown(presentReview(review));
 */
export { parsePlanText, parsePlanBytes, checkPlan, PlanInputError } from "./plan-json";
export type { PlanJson, ResourceChangeJson, ChangeJson } from "./plan-json";
export { reviewPlan, actionOf } from "./review-plan";
export type { ReviewOptions } from "./review-plan";
export { readSynthOutput } from "./synth-output";
export type { SynthOutput, SynthResource } from "./synth-output";
export { diffSynthOutputs } from "./synth-diff";
export type { DiffOptions } from "./synth-diff";
export { summarizeCluster, specContext } from "./cluster-summary";
export type { ClusterSummary, SpecContext } from "./cluster-summary";
export { parseFailOn, evaluateFailOn, FAIL_ON_CONDITIONS } from "./fail-on";
export type { FailOnCondition, FailOnResult } from "./fail-on";
export { presentReview, verdictText } from "./present";
export { renderMarkdown } from "./render-markdown";
export { renderText } from "./render-text";
export { renderJson, REVIEW_JSON_VERSION } from "./render-json";
export { forceNewRules, forceNewRuleFor, forceNewTypes } from "./force-new";
export type { ForceNewRule } from "./force-new";
export { DOMAINS, DOMAIN_TITLES, isDestructive } from "./review-model";
export type { PlanReview, ReviewedResource, AttributeChange, ChangeAction, ChangeCounts, Domain, RiskLevel } from "./review-model";
export type { Shown } from "./attribute-diff";
