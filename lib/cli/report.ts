import { Finding, Severity } from "../model/findings";
import { ClusterModel, PoolSurvivability, QuorumMath } from "../model/model";
import { SpecError } from "../spec/problems";
import { CliIo } from "./io";

/**
 * Turning findings into text for people and JSON for tools. Pure functions
 * returning strings, shared by `validate`, `synth` and `review --spec`.
 */

export interface ReportOptions {
  /** The spec file as the user named it; prefixes every finding. */
  readonly file: string;
  /** Line of a JSON pointer in the file (LoadedSpec.lineOf). */
  readonly lineOf?: (pointer: string) => number | undefined;
  /** Adds the quorum and pool survivability summary. */
  readonly model?: ClusterModel;
  /** ANSI colours (decide with `useColor(io)`). @default false */
  readonly color?: boolean;
}

export interface FindingCounts {
  /** Errors not acknowledged: these block synthesis. */
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
  /** Findings of any severity whose rule the spec acknowledges. */
  readonly acknowledged: number;
}

export interface QuorumSummary extends QuorumMath {
  readonly nodes: number;
  readonly qdevice: boolean;
}

export interface FindingJson {
  readonly rule: string;
  readonly severity: Severity;
  readonly path: string;
  /** null when the finding points at something the file does not locate. */
  readonly line: number | null;
  readonly message: string;
  readonly hint: string;
  readonly acknowledged?: { readonly reason: string };
}

export interface FindingsReportJson {
  readonly file: string;
  readonly cluster?: string;
  /** True when no finding blocks synthesis. */
  readonly valid: boolean;
  readonly findings: readonly FindingJson[];
  readonly summary: FindingCounts & {
    readonly quorum?: QuorumSummary;
    readonly pools?: readonly PoolSurvivability[];
  };
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: Pick<CliIo, "isTTY" | "env">): boolean {
  const noColor = io.env.NO_COLOR;
  return io.isTTY && (noColor === undefined || noColor === "");
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  let errors = 0;
  let warnings = 0;
  let info = 0;
  let acknowledged = 0;
  for (const f of findings) {
    if (f.acknowledged) acknowledged++;
    else if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
    else info++;
  }
  return { errors, warnings, info, acknowledged };
}

export function quorumSummary(model: ClusterModel): QuorumSummary {
  return { nodes: model.nodes.length, qdevice: model.hasQDevice(), ...model.quorum() };
}

/** "2 nodes + QDevice = 3 votes, quorum 2, survives 1 node failure". */
export function quorumSentence(q: QuorumSummary): string {
  const nodes = `${q.nodes} ${plural(q.nodes, "node")}`;
  const votes = `${q.expectedVotes} ${plural(q.expectedVotes, "vote")}`;
  const survives =
    q.toleratedNodeFailures === 0 ? "survives no node failure" : `survives ${q.toleratedNodeFailures} ${plural(q.toleratedNodeFailures, "node failure")}`;
  return `${nodes}${q.qdevice ? " + QDevice" : ""} = ${votes}, quorum ${q.quorum}, ${survives}`;
}

/** 'pool "vmdata" size 2/min_size 2 on 2 hosts with OSDs: I/O stops when a host is down'. */
export function poolSentence(p: PoolSurvivability): string {
  const head = `pool "${p.pool}" size ${p.size}/min_size ${p.minSize} on ${p.hostsWithOsds} ${plural(p.hostsWithOsds, "host")} with OSDs`;
  const degraded = p.permanentlyDegraded ? `, never fully replicated (size ${p.size} > ${p.hostsWithOsds} ${plural(p.hostsWithOsds, "host")})` : "";
  const placed = Math.min(p.size, p.hostsWithOsds);
  const survives =
    placed < p.minSize
      ? "I/O is blocked even with every host up"
      : p.hostFailuresTolerated === 0
        ? "I/O stops when a host is down"
        : `keeps serving I/O with ${p.hostFailuresTolerated} ${plural(p.hostFailuresTolerated, "host")} down`;
  return `${head}${degraded}: ${survives}`;
}

export function countsSentence(c: FindingCounts): string {
  return `${c.errors} ${plural(c.errors, "error")}, ${c.warnings} ${plural(c.warnings, "warning")}, ${c.info} info, ${c.acknowledged} acknowledged`;
}

const GROUPS: readonly { readonly title: string; readonly take: (f: Finding) => boolean }[] = [
  { title: "Errors", take: (f) => !f.acknowledged && f.severity === "error" },
  { title: "Warnings", take: (f) => !f.acknowledged && f.severity === "warning" },
  { title: "Info", take: (f) => !f.acknowledged && f.severity === "info" },
  { title: "Acknowledged", take: (f) => f.acknowledged !== undefined },
];

const SEVERITY_WORD: Record<Severity, string> = { error: "ERROR", warning: "WARNING", info: "INFO" };
const SEVERITY_COLOUR: Record<Severity, string> = { error: "31;1", warning: "33;1", info: "36" };

/**
 * The human report: findings grouped as errors, warnings, info and acknowledged,
 * each `file:line: SEVERITY RULE message` with an indented hint; then the
 * quorum and pool summary (with a model) and one line of counts.
 */
export function formatFindingsReport(findings: readonly Finding[], options: ReportOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const located = locate(findings, options);
  for (const group of GROUPS) {
    const members = located.filter(({ finding }) => group.take(finding));
    if (members.length === 0) continue;
    lines.push(paint("1", `${group.title} (${members.length})`));
    for (const { finding, line } of members) {
      const place = line === undefined ? options.file : `${options.file}:${line}`;
      const severity = paint(finding.acknowledged ? "2" : SEVERITY_COLOUR[finding.severity], SEVERITY_WORD[finding.severity]);
      lines.push(`  ${place}: ${severity} ${finding.rule} ${finding.message}`);
      lines.push(`      hint: ${finding.hint}`);
      if (finding.acknowledged) lines.push(`      acknowledged: ${finding.acknowledged.reason}`);
    }
    lines.push("");
  }
  if (located.length === 0) lines.push("No findings.", "");

  const counts = countFindings(findings);
  if (options.model) {
    lines.push(`Quorum: ${quorumSentence(quorumSummary(options.model))}`);
    for (const pool of options.model.poolSurvivability()) lines.push(`Ceph ${poolSentence(pool)}`);
  }
  const verdict = counts.errors > 0 ? paint("31;1", "not valid") : paint("32", "valid");
  lines.push(`Summary: ${options.model ? `cluster "${options.model.name}" ` : ""}${verdict} — ${countsSentence(counts)}`);
  return lines.join("\n") + "\n";
}

/** The same report as data, for `--format json`. */
export function findingsReportJson(findings: readonly Finding[], options: ReportOptions): FindingsReportJson {
  const counts = countFindings(findings);
  const model = options.model;
  return {
    file: options.file,
    ...(model ? { cluster: model.name } : {}),
    valid: counts.errors === 0,
    findings: locate(findings, options).map(({ finding, line }) => ({
      rule: finding.rule,
      severity: finding.severity,
      path: finding.path,
      line: line ?? null,
      message: finding.message,
      hint: finding.hint,
      ...(finding.acknowledged ? { acknowledged: { reason: finding.acknowledged.reason } } : {}),
    })),
    summary: {
      ...counts,
      ...(model ? { quorum: quorumSummary(model), pools: model.poolSurvivability() } : {}),
    },
  };
}

export function formatFindingsJson(findings: readonly Finding[], options: ReportOptions): string {
  return JSON.stringify(findingsReportJson(findings, options), null, 2) + "\n";
}

/** A spec that could not be loaded, as data: the kind of failure and every problem. */
export function formatSpecErrorJson(error: SpecError): string {
  const body = {
    file: error.file,
    valid: false,
    error: error.kind,
    problems: error.problems.map((p) => ({ path: p.path, line: p.line ?? null, column: p.column ?? null, message: p.message })),
  };
  return JSON.stringify(body, null, 2) + "\n";
}

interface Located {
  readonly finding: Finding;
  readonly line?: number;
}

/** Group order first, then file order, so a report reads top to bottom like the spec. */
function locate(findings: readonly Finding[], options: ReportOptions): Located[] {
  const group = (f: Finding) => GROUPS.findIndex((g) => g.take(f));
  return findings
    .map((finding, index) => ({ finding, index, line: options.lineOf?.(finding.path) }))
    .sort((a, b) => group(a.finding) - group(b.finding) || (a.line ?? 0) - (b.line ?? 0) || a.index - b.index)
    .map(({ finding, line }) => ({ finding, line }));
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
