import { EXIT_PROBLEMS, EXIT_USAGE, UserError } from "../cli/io";

/** One thing wrong with a spec file, located by JSON pointer and (when known) line and column. */
export interface SpecProblem {
  /** JSON pointer of the offending value or key; "/" stands for the document as a whole. */
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  /** What is wrong and what to do, in plain words: "<what is wrong> — <what to do>". */
  readonly message: string;
}

/**
 * Why a spec was rejected: `unreadable` (the file cannot be read), `syntax`
 * (it is not valid YAML/JSON) — both exit 2 — or `invalid` (it parsed, and
 * does not describe a valid cluster) — exit 1.
 */
export type SpecErrorKind = "unreadable" | "syntax" | "invalid";

/**
 * A spec that cannot be used, with every problem found. The message lists them
 * all, one `file:line:col: pointer: message` line each, so the CLI can print it as is;
 * `problems` carries the same as data for `--format json`.
 */
export class SpecError extends UserError {
  readonly file: string;
  readonly kind: SpecErrorKind;
  readonly problems: readonly SpecProblem[];

  constructor(file: string, kind: SpecErrorKind, problems: readonly SpecProblem[]) {
    const sorted = [...problems].sort(compareProblems);
    super(formatProblems(file, kind, sorted), kind === "invalid" ? EXIT_PROBLEMS : EXIT_USAGE);
    this.name = "SpecError";
    this.file = file;
    this.kind = kind;
    this.problems = sorted;
  }
}

/** `file:line:col: pointer: message`, leaving out what is unknown. */
export function formatProblem(file: string, problem: SpecProblem, kind: SpecErrorKind = "invalid"): string {
  const place = problem.line === undefined ? file : `${file}:${problem.line}${problem.column === undefined ? "" : `:${problem.column}`}`;
  // Syntax and read errors concern the file, not a value: a pointer would say nothing.
  const where = kind === "invalid" ? ` ${problem.path}:` : "";
  return `${place}:${where} ${problem.message}`;
}

function formatProblems(file: string, kind: SpecErrorKind, problems: readonly SpecProblem[]): string {
  if (problems.length === 1) return formatProblem(file, problems[0], kind);
  const what = kind === "invalid" ? "problems in the cluster spec" : kind === "syntax" ? "syntax errors" : "problems reading the file";
  return [`${file}: ${problems.length} ${what}:`, ...problems.map((p) => `  ${formatProblem(file, p, kind)}`)].join("\n");
}

function compareProblems(a: SpecProblem, b: SpecProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
