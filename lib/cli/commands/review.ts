import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import { CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UserError } from "../io";
import { RegisterCommand } from "../commands";
import { ClusterModel } from "../../model/model";
import { runRules } from "../../rules";
import { ClusterSummary, SpecContext, specContext, summarizeCluster } from "../../plan/cluster-summary";
import { FailOnCondition, FailOnResult, evaluateFailOn, parseFailOn } from "../../plan/fail-on";
import { PlanInputError, parsePlanBytes } from "../../plan/plan-json";
import { presentReview } from "../../plan/present";
import { renderJson } from "../../plan/render-json";
import { renderMarkdown } from "../../plan/render-markdown";
import { renderText } from "../../plan/render-text";
import { reviewPlan } from "../../plan/review-plan";
import { PlanReview } from "../../plan/review-model";

export type ReviewFormat = "markdown" | "text" | "json";

/** Options shared by `pvecdk review` and `pvecdk diff`. */
export interface ReviewCliOptions {
  readonly format?: ReviewFormat;
  readonly spec?: string;
  readonly failOn: string[];
}

/**
 * `pvecdk review <plan.json>`: renders `terraform show -json <planfile>` for a
 * pull request, destroyed and replaced resources first. Exit 1 when a
 * `--fail-on` gate trips, 2 when the plan cannot be read.
 */
export const registerReview: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  const command = program
    .command("review")
    .description("render a Terraform plan (the output of `terraform show -json <planfile>`) for review: what is destroyed or replaced first")
    .argument("<plan.json>", "JSON plan from `terraform show -json <planfile>` (Terraform >= 1.5 or OpenTofu)");
  addReviewOptions(command).action(async (planArg: string, options: ReviewCliOptions) => {
    setExit(await runReview(planArg, options, io));
  });
};

/** `--format`, `--spec`, `--fail-on`: the same for both commands. */
export function addReviewOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--format <format>", "output format (default: text on a terminal, markdown otherwise)").choices(["markdown", "text", "json"]),
    )
    .option("--spec <cluster.yaml>", "also summarize the cluster from its spec: quorum, Ceph pools, networks, validator findings")
    .option(
      "--fail-on <conditions>",
      "exit 1 when the changes include any of: destroy (deletes and replacements), replace; repeatable or comma-separated",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    );
}

async function runReview(planArg: string, options: ReviewCliOptions, io: CliIo): Promise<number> {
  const conditions = failOnConditions(options.failOn);
  const bytes = readInputFile(planArg, io);
  let plan;
  try {
    plan = parsePlanBytes(bytes);
  } catch (err) {
    if (err instanceof PlanInputError) throw new UserError(`${planArg}: ${err.message}`, EXIT_USAGE);
    throw err;
  }
  const cluster = options.spec ? await loadCluster(options.spec, io) : undefined;
  const review = reviewPlan(plan, { input: planArg, spec: cluster?.context, cluster: cluster?.summary });
  return writeReview(review, options, conditions, io);
}

export function failOnConditions(values: readonly string[]): FailOnCondition[] {
  const parsed = parseFailOn(values);
  if ("unknown" in parsed) {
    throw new UserError(`--fail-on: unknown condition "${parsed.unknown}"; use destroy, replace, or both (destroy,replace)`, EXIT_USAGE);
  }
  return parsed.conditions;
}

/** The plan's bytes: decoding all of a large plan to text would cost more than parsing the part the review reads. */
function readInputFile(arg: string, io: CliIo): Buffer {
  const file = path.resolve(io.cwd, arg);
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a plan file" : `cannot be read (${code ?? String(err)})`;
    throw new UserError(`${arg}: ${why}; produce the plan with \`terraform show -json <planfile> > plan.json\``, EXIT_USAGE);
  }
}

/** Loads the spec through the shared loader (schema errors become one-line UserErrors there) and summarizes it. */
export async function loadCluster(specArg: string, io: CliIo): Promise<{ summary: ClusterSummary; context: SpecContext }> {
  const { loadSpecFile } = await import("../../spec/load");
  const loaded = loadSpecFile(path.resolve(io.cwd, specArg), specArg);
  const model = new ClusterModel(loaded.spec);
  const findings = runRules(model);
  return {
    summary: summarizeCluster(model, findings, specArg, (pointer: string) => loaded.lineOf(pointer)),
    context: specContext(model),
  };
}

/** Writes the review in the chosen format, and turns a tripped gate into exit 1. */
export function writeReview(review: PlanReview, options: ReviewCliOptions, conditions: readonly FailOnCondition[], io: CliIo): number {
  const failOn: FailOnResult | undefined = conditions.length > 0 ? evaluateFailOn(review, conditions) : undefined;
  const format: ReviewFormat = options.format ?? (io.isTTY ? "text" : "markdown");
  if (format === "json") {
    io.stdout(renderJson(review, failOn));
  } else {
    const blocks = presentReview(review, { failOn });
    io.stdout(format === "markdown" ? renderMarkdown(blocks) : renderText(blocks, io.isTTY && !noColor(io.env)));
  }
  if (failOn?.tripped) {
    const shown = failOn.matches.slice(0, 5).join(", ");
    const more = failOn.matches.length > 5 ? ` and ${failOn.matches.length - 5} more` : "";
    io.stderr(`pvecdk: --fail-on ${failOn.conditions.join(",")}: ${failOn.matches.length} ${failOn.matches.length === 1 ? "change trips" : "changes trip"} the gate: ${shown}${more}\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
function noColor(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== "";
}
