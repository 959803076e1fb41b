import { Command } from "commander";
import { CliIo, EXIT_USAGE, UserError } from "../io";
import { RegisterCommand } from "../commands";
import { PlanInputError } from "../../plan/plan-json";
import { diffSynthOutputs } from "../../plan/synth-diff";
import { SynthOutput, readSynthOutput } from "../../plan/synth-output";
import { ReviewCliOptions, addReviewOptions, failOnConditions, loadCluster, writeReview } from "./review";

/**
 * `pvecdk diff <base> <head>`: compares two synthesized outputs without
 * Terraform (for pull requests that cannot run a plan, e.g. from forks).
 * Same formats, `--spec` and `--fail-on` as `pvecdk review`.
 */
export const registerDiff: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  const command = program
    .command("diff")
    .description("compare two synthesized outputs (cdk.tf.json files or cdktf.out directories) without Terraform, risks first")
    .argument("<base>", "synthesized output before the change (cdk.tf.json, a stack directory, or cdktf.out)")
    .argument("<head>", "synthesized output after the change");
  addReviewOptions(command).action(async (baseArg: string, headArg: string, options: ReviewCliOptions) => {
    setExit(await runDiff(baseArg, headArg, options, io));
  });
};

async function runDiff(baseArg: string, headArg: string, options: ReviewCliOptions, io: CliIo): Promise<number> {
  const conditions = failOnConditions(options.failOn);
  const base = read(baseArg, io);
  const head = read(headArg, io);
  const cluster = options.spec ? await loadCluster(options.spec, io) : undefined;
  const review = diffSynthOutputs(base, head, { spec: cluster?.context, cluster: cluster?.summary });
  return writeReview(review, options, conditions, io);
}

function read(arg: string, io: CliIo): SynthOutput {
  try {
    return readSynthOutput(arg, io.cwd);
  } catch (err) {
    if (err instanceof PlanInputError) throw new UserError(`${err.file ?? arg}: ${err.message}`, EXIT_USAGE);
    throw err;
  }
}
