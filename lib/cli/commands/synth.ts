import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import type { SynthesisSummary } from "../../synth";
import { RegisterCommand } from "../commands";
import { CliIo, EXIT_OK, EXIT_PROBLEMS, UserError } from "../io";
import { countFindings, countsSentence, findingsReportJson, formatFindingsReport, ReportOptions, useColor } from "../report";
import { displayPath } from "../paths";
import { loadSpecForCommand } from "../spec-input";

/** Where `pvecdk synth` writes unless told otherwise: what cdktn-cli and `terraform -chdir` expect. */
export const DEFAULT_OUTDIR = "cdktf.out";

/** Spec files `pvecdk synth` looks for in the working directory when none is named, in this order. */
export const DEFAULT_SPEC_FILES: readonly string[] = ["cluster.yaml", "cluster.yml", "cluster.json"];

/** The spec named on the command line, else the first default spec file in the working directory. */
function specArgument(specArg: string | undefined, io: CliIo): string {
  if (specArg !== undefined) return specArg;
  const found = DEFAULT_SPEC_FILES.find((name) => fs.existsSync(path.join(io.cwd, name)));
  if (found) return found;
  throw new UserError(
    `no spec file given and none of ${DEFAULT_SPEC_FILES.join(", ")} in ${io.cwd}; name one, e.g. pvecdk synth examples/seed-split-network.yaml`,
  );
}

interface SynthOptions {
  readonly out: string;
  readonly format: "text" | "json";
}

const HELP_AFTER = `
Validates the spec first (the same checks as \`pvecdk validate\`). An error the spec
does not acknowledge prints the findings and writes nothing. Otherwise the stack is
synthesized in a temporary directory and only then copied to
<out>/stacks/<cluster>/cdk.tf.json, replacing that stack's previous output.

Without <spec>, the first of ${DEFAULT_SPEC_FILES.join(", ")} in the working directory is used.

Examples:
  $ pvecdk synth examples/seed-split-network.yaml
  $ pvecdk synth cluster.yaml --out build/terraform --format json

Exit codes: 0 synthesized, 1 blocking findings or a spec the synthesizer cannot
express (nothing written), 2 the file cannot be read or parsed.`;

/**
 * `pvecdk synth [spec] [--out dir] [--format text|json]`: validates the spec,
 * then writes `<out>/stacks/<cluster>/cdk.tf.json`. Blocking findings print the
 * report, write nothing, and exit 1.
 */
export const registerSynth: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  program
    .command("synth")
    .description("validate a cluster spec and synthesize its Terraform JSON into <out>/stacks/<cluster>/cdk.tf.json")
    .argument("[spec]", `cluster spec file (YAML or JSON), e.g. examples/seed-split-network.yaml (default: ${DEFAULT_SPEC_FILES.join(", ")} in the working directory)`)
    .option("-o, --out <dir>", "output directory", DEFAULT_OUTDIR)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", HELP_AFTER)
    .action(async (specArg: string | undefined, options: SynthOptions) => {
      setExit(await runSynth(specArgument(specArg, io), options, io));
    });
};

async function runSynth(specArg: string, options: SynthOptions, io: CliIo): Promise<number> {
  const input = loadSpecForCommand(specArg, options.format, io);
  if ("exitCode" in input) return input.exitCode;
  const { loaded, shown } = input;

  // Loaded on demand, so `pvecdk --help` and the other commands never pay for cdktn and the bindings.
  const { checkSpec, synthesizeSpec } = await import("../../synth");
  const { ClusterDefinitionError } = await import("../../../constructs/errors");

  const { model, findings, blocking } = checkSpec(loaded.spec);
  const report: ReportOptions = { file: shown, lineOf: loaded.lineOf, model, color: useColor(io) };
  if (blocking.length > 0) {
    if (options.format === "json") {
      io.stdout(JSON.stringify({ synthesized: false, ...findingsReportJson(findings, report) }, null, 2) + "\n");
    } else {
      io.stdout(formatFindingsReport(findings, report));
    }
    io.stderr(
      `pvecdk: synthesis of cluster "${model.name}" stopped by ${blocking.length} blocking finding${blocking.length === 1 ? "" : "s"}; nothing was written. ` +
        `Fix the spec, or acknowledge the rule under spec.acknowledge with a reason.\n`,
    );
    return EXIT_PROBLEMS;
  }

  let summary: SynthesisSummary;
  try {
    // Hands over the findings just computed, so synthesis does not run the rules a second time.
    summary = synthesizeSpec(loaded.spec, { outdir: path.resolve(io.cwd, options.out), findings });
  } catch (err) {
    if (err instanceof ClusterDefinitionError) {
      const line = loaded.lineOf(err.path);
      throw new UserError(`${shown}${line === undefined ? "" : `:${line}`}: ${err.detail} (at ${err.path})`, EXIT_PROBLEMS);
    }
    throw err;
  }

  if (options.format === "json") {
    const { findings: located, summary: counts } = findingsReportJson(findings, report);
    io.stdout(
      JSON.stringify(
        {
          synthesized: true,
          cluster: summary.cluster,
          spec: shown,
          file: displayPath(io.cwd, summary.file),
          resourceTotal: summary.resourceTotal,
          resourceCounts: summary.resourceCounts,
          phases: summary.phases.map((p, i) => ({ order: i + 1, id: p.id, title: p.title, resources: p.addresses.length, addresses: p.addresses })),
          findings: located,
          summary: counts,
          notes: summary.notes,
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    io.stdout(summaryText(summary, io.cwd));
  }
  return EXIT_OK;
}

/** The path as the user would write it: relative to the working directory when inside it. */

function summaryText(s: SynthesisSummary, cwd: string): string {
  const file = displayPath(cwd, s.file);
  const dir = displayPath(cwd, path.dirname(s.file));
  const lines = [`Synthesized cluster "${s.cluster}": ${s.resourceTotal} resources → ${file}`, "", "Resources by type:"];
  const width = Math.max(4, ...Object.keys(s.resourceCounts).map((t) => t.length));
  for (const [type, count] of Object.entries(s.resourceCounts)) lines.push(`  ${type.padEnd(width)}  ${String(count).padStart(4)}`);
  lines.push("", "Apply phases (each waits for the one before through depends_on):");
  s.phases.forEach((p, i) => lines.push(`  ${String(i + 1).padStart(2)}. ${p.title} — ${p.addresses.length}`));
  const counts = countFindings(s.findings);
  lines.push("", `Findings: ${countsSentence(counts)}${counts.warnings + counts.info + counts.acknowledged > 0 ? " (pvecdk validate shows them)" : ""}`);
  if (s.notes.length > 0) {
    lines.push("", "Left to you (bpg/proxmox 0.111.1 and the bootstrap steps cannot express these):");
    for (const note of s.notes) lines.push(`  - ${note}`);
  }
  lines.push("", `Next: terraform -chdir=${dir} init && terraform -chdir=${dir} plan -out plan.out`);
  return lines.join("\n") + "\n";
}
