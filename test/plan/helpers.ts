import * as fs from "fs";
import * as path from "path";
import { parsePlanText, PlanJson } from "../../lib/plan/plan-json";
import { reviewPlan } from "../../lib/plan/review-plan";
import { PlanReview, ReviewedResource } from "../../lib/plan/review-model";
import { CliRun, runCliCaptured } from "../helpers/cli";

export const REPO = path.resolve(__dirname, "../..");
export const PLAN_FIXTURES = path.join(REPO, "test/fixtures/plans");

/** Plan fixtures: tf-* come from a real Terraform (scripts/make-plan-fixtures.sh), bpg-* are hand-written. */
export function planFixtureNames(): string[] {
  return fs
    .readdirSync(PLAN_FIXTURES)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();
}

export function loadPlan(name: string): PlanJson {
  return parsePlanText(fs.readFileSync(path.join(PLAN_FIXTURES, `${name}.json`), "utf8"));
}

export function reviewFixture(name: string): PlanReview {
  return reviewPlan(loadPlan(name), { input: `${name}.json` });
}

export function resource(review: PlanReview, address: string): ReviewedResource {
  const found = review.resources.find((r) => r.address === address);
  if (!found) throw new Error(`${address} is not in the review (has: ${review.resources.map((r) => r.address).join(", ")})`);
  return found;
}

export type { CliRun };

/** Runs the CLI in-process, from `cwd` (the repository by default). */
export function cli(argv: string[], options: { isTTY?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  return runCliCaptured(argv, { ...options, cwd: options.cwd ?? REPO });
}
