import * as path from "path";
import { Command, Option } from "commander";
import type { SynthesisSummary } from "../../synth";
import { CliIo, EXIT_OK, EXIT_PROBLEMS, UserError } from "../io";
import { RegisterCommand } from "../commands";

/** Where `pvecdk synth` writes unless told otherwise: what cdktn-cli and `terraform -chdir` expect. */
export const DEFAULT_OUTDIR = "cdktf.out";

interface SynthOptions {
  readonly out: string;
  readonly format: "text" | "json";
}

/**
 * `pvecdk synth <spec> [--out dir] [--format text|json]`: validates the spec,
 * then writes `<out>/stacks/<cluster>/cdk.tf.json`. Blocking findings print the
 * report, write nothing, and exit 1.
 */
export const registerSynth: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  program
    .command("synth")
    .description("validate a cluster spec and synthesize its Terraform JSON into <out>/stacks/<cluster>/cdk.tf.json")
    .argument("<spec>", "cluster spec file (YAML or JSON), e.g. examples/seed-split-network.yaml")
    .option("-o, --out <dir>", "output directory", DEFAULT_OUTDIR)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (specArg: string, options: SynthOptions) => {
      setExit(await runSynth(specArg, options, io));
    });
};

async function runSynth(specArg: string, options: SynthOptions, io: CliIo): Promise<number> {
  // Loaded on demand, so `pvecdk --help` and the other commands never pay for cdktn.
  const { loadSpecFile } = await import("../../spec/load");
  const { checkSpec, synthesizeSpec, countFindings } = await import("../../synth");
  const { ClusterDefinitionError } = await import("../../../constructs/errors");
  const { formatFindingsReport } = await import("../report");

  const file = path.resolve(io.cwd, specArg);
  const shown = displayPath(io.cwd, file);
  const loaded = loadSpecFile(file);
  const cluster = loaded.spec.spec.name;

  const check = checkSpec(loaded.spec);
  if (check.blocking.length > 0) {
    if (options.format === "json") {
      io.stdout(JSON.stringify({ cluster, file: shown, synthesized: false, findingCounts: countFindings(check.findings), findings: check.findings }, null, 2) + "\n");
    } else {
      io.stdout(formatFindingsReport(check.findings, { file: shown, lineOf: (p: string) => loaded.lineOf(p) }));
    }
    io.stderr(
      `pvecdk: synthesis of cluster "${cluster}" stopped by ${check.blocking.length} blocking finding${check.blocking.length === 1 ? "" : "s"}; nothing was written. ` +
        `Fix the spec, or acknowledge a rule under spec.acknowledge with a reason.\n`,
    );
    return EXIT_PROBLEMS;
  }

  const outdir = path.resolve(io.cwd, options.out);
  let summary: SynthesisSummary;
  try {
    summary = synthesizeSpec(loaded.spec, { outdir });
  } catch (err) {
    if (err instanceof ClusterDefinitionError) {
      const line = loaded.lineOf(err.path);
      throw new UserError(`${shown}${line ? `:${line}` : ""}: ${err.detail} (at ${err.path})`, EXIT_PROBLEMS);
    }
    throw err;
  }

  if (options.format === "json") {
    io.stdout(JSON.stringify(summaryJson(summary, io.cwd, shown), null, 2) + "\n");
  } else {
    io.stdout(summaryText(summary, io.cwd));
  }
  return EXIT_OK;
}

function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}

function summaryJson(s: SynthesisSummary, cwd: string, spec: string): unknown {
  return {
    cluster: s.cluster,
    spec,
    synthesized: true,
    file: displayPath(cwd, s.file),
    resourceTotal: s.resourceTotal,
    resourceCounts: s.resourceCounts,
    phases: s.phases.map((p, i) => ({ order: i + 1, id: p.id, title: p.title, resources: p.addresses.length, addresses: p.addresses })),
    findingCounts: s.findingCounts,
    findings: s.findings,
    notes: s.notes,
  };
}

function summaryText(s: SynthesisSummary, cwd: string): string {
  const lines: string[] = [];
  const file = displayPath(cwd, s.file);
  lines.push(`Synthesized cluster "${s.cluster}": ${s.resourceTotal} resources → ${file}`, "");
  lines.push("Resources by type:");
  const width = Math.max(...Object.keys(s.resourceCounts).map((t) => t.length), 4);
  for (const [type, count] of Object.entries(s.resourceCounts)) lines.push(`  ${type.padEnd(width)}  ${String(count).padStart(4)}`);
  lines.push("", "Apply phases (each waits for the previous through depends_on):");
  s.phases.forEach((p, i) => lines.push(`  ${String(i + 1).padStart(2)}. ${p.title} — ${p.addresses.length}`));
  const c = s.findingCounts;
  lines.push("", `Findings: ${c.errors} errors, ${c.acknowledged} acknowledged, ${c.warnings} warnings, ${c.infos} infos${c.warnings + c.acknowledged > 0 ? " (run pvecdk validate for details)" : ""}`);
  if (s.notes.length > 0) {
    lines.push("", "Left to the operator (not expressible with bpg/proxmox 0.111.1 or the bootstrap steps):");
    for (const note of s.notes) lines.push(`  - ${note}`);
  }
  lines.push("", `Next: terraform -chdir=${displayPath(cwd, path.dirname(s.file))} init && terraform -chdir=${displayPath(cwd, path.dirname(s.file))} plan`);
  return lines.join("\n") + "\n";
}

