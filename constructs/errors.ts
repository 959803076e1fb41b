import { Finding } from "../lib/model/findings";

/**
 * The cluster definition cannot be turned into Terraform: a reference to
 * something that does not exist, a duplicate name, or a feature the
 * synthesizer does not support. `path` is the JSON pointer of the offending
 * spec entry, so the CLI can name the file and line.
 */
export class ClusterDefinitionError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = "ClusterDefinitionError";
  }
}

/** One line per finding: `RULE path: message (hint)`. */
export function formatFindingLine(f: Finding): string {
  return `${f.rule} ${f.path}: ${f.message} (${f.hint})`;
}

/**
 * The validator reported errors the spec does not acknowledge, so nothing is
 * synthesized. The message lists every blocking finding.
 */
export class BlockingFindingsError extends Error {
  constructor(
    readonly cluster: string,
    readonly findings: readonly Finding[],
  ) {
    super(
      `cluster "${cluster}" has ${findings.length} blocking finding${findings.length === 1 ? "" : "s"}; nothing was synthesized:\n` +
        findings.map((f) => `  ${formatFindingLine(f)}`).join("\n"),
    );
    this.name = "BlockingFindingsError";
  }
}
