import * as path from "path";
import { Command, Option } from "commander";
import type { ConformanceReport, Problem, ProviderSchemaIndex } from "../../terraform";
import { CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UserError } from "../io";
import { RegisterCommand } from "../commands";
import { displayPath } from "../paths";

interface CheckOptions {
  readonly format: "text" | "json";
  readonly schema?: string;
}

interface FileResult {
  readonly file: string;
  readonly report: ConformanceReport;
}

const HELP_AFTER = `
<path> is one of:
  a synthesized file            cdktf.out/stacks/minimal/cdk.tf.json
  a stack directory             cdktf.out/stacks/minimal
  a cdktf.out directory         cdktf.out   (checks every stacks/<stack>/cdk.tf.json)

Checks resource, data and provider.proxmox blocks against the committed
bpg/proxmox 0.111.1 schema and Terraform's own rules (terraform_data,
provisioners, lifecycle, depends_on): unknown types, attributes and blocks,
missing required ones, values of the wrong type, incomplete object values,
computed-only attributes, block counts. Deprecations and literal secrets are
warnings. Nothing is downloaded; no provider or Terraform binary is needed.

Examples:
  $ pvecdk check cdktf.out
  $ pvecdk check cdktf.out/stacks/minimal/cdk.tf.json --format json
  $ pvecdk check cdktf.out --schema providers/bpg-proxmox/0.111.1.schema.json

Exit codes: 0 conforms (warnings allowed), 1 problems found, 2 unreadable input.
Details: docs/check.md`;

/** `pvecdk check <path>`: Terraform JSON conformance against the provider schema. */
export const registerCheck: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  program
    .command("check")
    .description("check synthesized Terraform JSON against the bpg/proxmox provider schema, without Terraform")
    .argument("<path>", "a cdk.tf.json file, a stack directory, or a cdktf.out directory")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--schema <file>", "provider schema (terraform providers schema -json) to check against instead of the committed one")
    .addHelpText("after", HELP_AFTER)
    .action(async (target: string, options: CheckOptions) => {
      setExit(await runCheck(target, options, io));
    });
};

async function runCheck(target: string, options: CheckOptions, io: CliIo): Promise<number> {
  const terraform = await import("../../terraform");
  const schema = loadSchema(terraform, options.schema, io);

  let files;
  try {
    files = terraform.loadTerraformConfigs(target, { baseDir: io.cwd });
  } catch (err) {
    if (err instanceof terraform.TerraformInputError) throw new UserError(err.message, EXIT_USAGE);
    throw err;
  }
  let results: FileResult[];
  try {
    results = files.map(({ file, config }) => ({
      file: file.split(path.sep).join("/"),
      report: terraform.checkTerraformConfig(config, schema),
    }));
  } catch (err) {
    // Resource types are indexed on first use, so a malformed --schema file can surface here.
    if (err instanceof terraform.SchemaFormatError) {
      throw new UserError(`${options.schema ?? "provider schema"}: cannot use as provider schema: ${err.message}`, EXIT_USAGE);
    }
    throw err;
  }

  const problems = results.flatMap((r) => r.report.problems.map((p) => ({ file: r.file, ...p })));
  const errors = problems.filter((p) => p.severity === "error").length;
  if (options.format === "json") {
    io.stdout(
      JSON.stringify(
        {
          schema: schema.label,
          files: results.map((r) => r.file),
          resources: sum(results, (r) => r.report.resources),
          dataSources: sum(results, (r) => r.report.dataSources),
          errors,
          warnings: problems.length - errors,
          problems: problems.map(({ file, path: p, message, severity }) => ({ file, path: p, message, severity })),
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    io.stdout(formatText(results, schema));
  }
  return errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function loadSchema(terraform: typeof import("../../terraform"), file: string | undefined, io: CliIo): ProviderSchemaIndex {
  if (!file) return terraform.committedProviderSchema();
  const resolved = path.resolve(io.cwd, file);
  try {
    return terraform.loadProviderSchema(resolved);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message.replace(/\s+/g, " ");
    throw new UserError(`${displayPath(io.cwd, resolved)}: cannot use as provider schema: ${reason}`, EXIT_USAGE);
  }
}

function formatText(results: readonly FileResult[], schema: ProviderSchemaIndex): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const { file, report } of results) {
    const counts = `${plural(report.resources, "resource")}, ${plural(report.dataSources, "data source")}`;
    if (report.problems.length === 0) {
      lines.push(`${file}: ok (${counts})`);
      continue;
    }
    for (const p of report.problems) {
      lines.push(`${file}: ${p.severity}: ${location(p)}${p.message}`);
      if (p.severity === "error") errors++;
      else warnings++;
    }
  }
  const resources = sum(results, (r) => r.report.resources);
  const scope = `${plural(results.length, "file")}, ${plural(resources, "resource")}, checked against ${schema.label}`;
  lines.push(
    errors + warnings === 0
      ? `Conforms: ${scope}.`
      : `${plural(errors, "error")}, ${plural(warnings, "warning")} (${scope}).${errors === 0 ? " Warnings do not fail the check." : ""}`,
  );
  return lines.join("\n") + "\n";
}

function location(p: Problem): string {
  return p.path === "" ? "" : `${p.path}: `;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function sum<T>(items: readonly T[], f: (item: T) => number): number {
  return items.reduce((total, item) => total + f(item), 0);
}

