import { Command, Option } from "commander";
import { isBlocking } from "../../model/findings";
import { ClusterModel } from "../../model/model";
import { runRules } from "../../rules";
import { RegisterCommand } from "../commands";
import { CliIo, EXIT_OK, EXIT_PROBLEMS } from "../io";
import { formatFindingsJson, formatFindingsReport, useColor } from "../report";
import { loadSpecForCommand } from "../spec-input";

interface ValidateOptions {
  readonly format: "text" | "json";
}

const HELP_AFTER = `
Checks the spec in two steps: the file against the schema (types, names, references;
see docs/spec.md), then the cluster against the rules catalog (run \`pvecdk rules\`
for the list). Errors a spec acknowledges under spec.acknowledge are reported, with
their reason, without failing.

Examples:
  $ pvecdk validate examples/seed-split-network.yaml
  $ pvecdk validate cluster.yaml --format json | jq '.findings[] | select(.severity == "error")'

Exit codes: 0 no unacknowledged error, 1 errors found (in the file or the cluster),
2 the file cannot be read or parsed.`;

/** `pvecdk validate <spec> [--format text|json]`: schema, then rules, then a report. */
export const registerValidate: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  program
    .command("validate")
    .description("check a cluster spec (YAML or JSON) against the schema and the rules catalog")
    .argument("<spec>", "cluster spec file, e.g. examples/seed-split-network.yaml")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", HELP_AFTER)
    .action((specArg: string, options: ValidateOptions) => {
      setExit(runValidate(specArg, options, io));
    });
};

function runValidate(specArg: string, options: ValidateOptions, io: CliIo): number {
  const input = loadSpecForCommand(specArg, options.format, io);
  if ("exitCode" in input) return input.exitCode;
  const { loaded, shown } = input;

  const model = new ClusterModel(loaded.spec);
  const findings = runRules(model);
  const report = { file: shown, lineOf: loaded.lineOf, model, color: useColor(io) };
  io.stdout(options.format === "json" ? formatFindingsJson(findings, report) : formatFindingsReport(findings, report));
  return findings.some(isBlocking) ? EXIT_PROBLEMS : EXIT_OK;
}

/** The path as the user would write it: relative to the working directory when inside it. */
