/**
 * `npm run bench [case-id-prefix...]`: runs every benchmark case in its own
 * process, prints the tables and writes bench/results.json. The goals come
 * from issue #6; docs/performance.md explains them and records the results.
 *
 * Synthesis runs pvecdk and the raw-cdktn baseline alternately, a few times per
 * size, and compares the medians of their CPU time: other processes on the
 * machine stretch wall time far more than CPU time, and alternating spreads
 * what remains over both sides. Wall-time goals use wall time. Exit 1 when a
 * case could not be measured; a missed goal is reported, not fatal.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { SETUP_PHASES } from "./cases";
import { generatePlan } from "./generate-plan";

const ROOT = path.resolve(__dirname, "..", "..");
const CASE_JS = path.join(ROOT, "dist", "bench", "case.js");
const CLI_JS = path.join(ROOT, "bin", "pvecdk.js");
const DEFAULT_EXAMPLE = "examples/seed-split-network.yaml";
const MiB_PER_GB = 1024;

type Status = "PASS" | "MISS" | "ERROR";

interface Measurement {
  readonly wallMs: number;
  /** Sum of the non-setup phases: the work the goals are about. */
  readonly workMs?: number;
  /** The same in CPU time (user + system, all threads). */
  readonly workCpuMs?: number;
  readonly maxRssMiB?: number;
  readonly phases?: Record<string, number>;
  readonly cpuPhases?: Record<string, number>;
  readonly info?: Record<string, unknown>;
  /** One-minute load average when the run started: how busy the machine was. */
  readonly loadAverage: number;
}

interface CaseResult {
  readonly id: string;
  readonly label: string;
  readonly runs: Measurement[];
  /** Medians over the runs (peak RSS: the maximum). */
  readonly wallMs?: number;
  readonly workMs?: number;
  readonly workCpuMs?: number;
  readonly maxRssMiB?: number;
  readonly phases?: Record<string, number>;
  readonly cpuPhases?: Record<string, number>;
  readonly info?: Record<string, unknown>;
  readonly error?: string;
}

interface Goal {
  readonly goal: string;
  readonly measured: string;
  readonly status: Status;
  readonly detail?: string;
}

interface Comparison {
  readonly size: string;
  readonly resources?: number;
  /** Median CPU time of the non-setup phases. */
  readonly pvecdkCpuMs?: number;
  readonly baselineCpuMs?: number;
  /** pvecdk / baseline in CPU time: the goal's measure. */
  readonly ratio?: number;
  /** The same in wall time, for reference. */
  readonly wallRatio?: number;
  readonly outputBytesRatio?: number;
  readonly sameResources: boolean;
  readonly detail?: string;
}

const SIZES = [
  { id: "small", nodes: 3, vms: 30, runs: 5, label: "3 nodes / 30 VMs" },
  { id: "medium", nodes: 16, vms: 1000, runs: 3, label: "16 nodes / 1,000 VMs" },
  { id: "large", nodes: 64, vms: 10000, runs: 3, label: "64 nodes / 10,000 VMs" },
] as const;
const LARGE = SIZES[2];
const REVIEW_CHANGES = 10000;

const BENCH_ENV = { ...process.env, CDKTN_DISABLE_CREATION_STACK: "1", CHECKPOINT_DISABLE: "1" };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function firstLine(text: string): string {
  return text.trim().split("\n").find((l) => l.trim() !== "") ?? "";
}

/** One in-process case (bench/cases.ts) in a fresh process. */
function runBenchCase(name: string, args: Record<string, unknown>): Measurement | { error: string } {
  const loadAverage = os.loadavg()[0];
  const t0 = performance.now();
  // --expose-gc lets a case start its measured work from a collected heap (see settleHeap in cases.ts).
  const child = spawnSync(process.execPath, ["--expose-gc", CASE_JS, name, JSON.stringify(args)], { cwd: ROOT, encoding: "utf8", env: BENCH_ENV, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  if (child.status !== 0) return { error: firstLine(child.stderr || child.stdout || `exit ${child.status}`) };
  const parsed = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as {
    phases: Record<string, number>;
    cpuPhases: Record<string, number>;
    info?: Record<string, unknown>;
    maxRssMiB: number;
  };
  const work = (phases: Record<string, number>) =>
    Object.entries(phases)
      .filter(([phase]) => !SETUP_PHASES.includes(phase))
      .reduce((sum, [, ms]) => sum + ms, 0);
  return {
    wallMs,
    workMs: work(parsed.phases),
    workCpuMs: work(parsed.cpuPhases),
    maxRssMiB: parsed.maxRssMiB,
    phases: parsed.phases,
    cpuPhases: parsed.cpuPhases,
    info: parsed.info,
    loadAverage,
  };
}

/** A whole command in a fresh process: wall time only. */
function runCommand(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = BENCH_ENV): Measurement | { error: string } {
  const loadAverage = os.loadavg()[0];
  const t0 = performance.now();
  const child = spawnSync(cmd, [...args], { cwd: ROOT, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  if (child.status !== 0) return { error: `exit ${child.status}: ${firstLine(child.stderr || child.stdout)}` };
  return { wallMs, loadAverage };
}

function summarize(id: string, label: string, outcomes: readonly (Measurement | { error: string })[]): CaseResult {
  const failed = outcomes.find((o): o is { error: string } => "error" in o);
  const runs = outcomes.filter((o): o is Measurement => !("error" in o));
  if (failed) return { id, label, runs, error: failed.error };
  const pick = (f: (m: Measurement) => number | undefined) => {
    const values = runs.map(f).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const rss = runs.map((r) => r.maxRssMiB).filter((v): v is number => v !== undefined);
  const phaseNames = runs[0]?.phases ? Object.keys(runs[0].phases) : [];
  const medianPhases = (of: (m: Measurement) => Record<string, number> | undefined) =>
    phaseNames.length ? Object.fromEntries(phaseNames.map((p) => [p, pick((r) => of(r)?.[p]) ?? 0])) : undefined;
  return {
    id,
    label,
    runs,
    wallMs: pick((r) => r.wallMs),
    workMs: pick((r) => r.workMs),
    workCpuMs: pick((r) => r.workCpuMs),
    maxRssMiB: rss.length ? Math.max(...rss) : undefined,
    phases: medianPhases((r) => r.phases),
    cpuPhases: medianPhases((r) => r.cpuPhases),
    info: runs[0]?.info,
  };
}

function fmt(ms: number | undefined): string {
  if (ms === undefined) return "—";
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function fmtMiB(mib: number | undefined): string {
  return mib === undefined ? "—" : `${mib.toFixed(0)} MiB`;
}

function sameCounts(a: unknown, b: unknown): { same: boolean; detail?: string } {
  const x = (a ?? {}) as Record<string, number>;
  const y = (b ?? {}) as Record<string, number>;
  const types = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
  const diffs = types.filter((t) => x[t] !== y[t]).map((t) => `${t}: pvecdk ${x[t] ?? 0}, baseline ${y[t] ?? 0}`);
  return diffs.length ? { same: false, detail: diffs.join("; ") } : { same: true };
}

interface Plan {
  readonly id: string;
  readonly run: (ctx: { planFile: () => string; tmp: string }) => CaseResult[];
}

function plans(): Plan[] {
  const list: Plan[] = [];
  for (const s of SIZES) {
    list.push({
      id: `synth-${s.id}`,
      run: () => {
        const pvecdk: (Measurement | { error: string })[] = [];
        const baseline: (Measurement | { error: string })[] = [];
        const args = { nodes: s.nodes, vms: s.vms };
        // Alternate which side goes first, so drift on the machine hits both alike.
        for (let i = 0; i < s.runs; i++) {
          progress(`synthesis ${s.label}, run ${i + 1}/${s.runs}`);
          if (i % 2 === 0) {
            pvecdk.push(runBenchCase("synth", args));
            baseline.push(runBenchCase("baseline", args));
          } else {
            baseline.push(runBenchCase("baseline", args));
            pvecdk.push(runBenchCase("synth", args));
          }
        }
        return [
          summarize(`synth-${s.id}`, `pvecdk synth, ${s.label}`, pvecdk),
          summarize(`baseline-${s.id}`, `baseline (raw cdktn), ${s.label}`, baseline),
        ];
      },
    });
  }
  list.push({
    id: "validate-large",
    run: () => {
      progress(`validator, ${LARGE.label}`);
      return [summarize("validate-large", `validator, ${LARGE.label}`, [runBenchCase("validate", { nodes: LARGE.nodes, vms: LARGE.vms })])];
    },
  });
  list.push({
    id: "review-large",
    run: ({ planFile }) => {
      progress(`review of ${REVIEW_CHANGES} changes`);
      const file = planFile();
      return [
        summarize("review-large", `review in process, ${REVIEW_CHANGES.toLocaleString("en")} changes`, [runBenchCase("review", { file })]),
        summarize("review-cli", `pvecdk review --format markdown, ${REVIEW_CHANGES.toLocaleString("en")} changes`, [
          runCommand(process.execPath, [CLI_JS, "review", file, "--format", "markdown"]),
        ]),
      ];
    },
  });
  list.push({
    id: "start",
    run: ({ tmp }) => {
      progress("default example, cold");
      const missing = [CLI_JS, path.join(ROOT, DEFAULT_EXAMPLE)].filter((f) => !fs.existsSync(f));
      const unavailable = (id: string, label: string) => ({ id, label, runs: [], error: `missing ${missing.map((f) => path.relative(ROOT, f)).join(", ")}` });
      const cliLabel = `pvecdk synth ${DEFAULT_EXAMPLE} (cold)`;
      const npmLabel = `npm start: node dist/stacks/main.js (cold)`;
      if (missing.length) return [unavailable("start-cli", cliLabel), unavailable("start-npm", npmLabel)];
      return [
        summarize("start-cli", cliLabel, [runCommand(process.execPath, [CLI_JS, "synth", DEFAULT_EXAMPLE, "--out", path.join(tmp, "cli-out")])]),
        // What `npm start` runs, without npm's own start-up; cdktn-cli passes the output folder the same way.
        summarize("start-npm", npmLabel, [
          runCommand(process.execPath, [path.join(ROOT, "dist", "stacks", "main.js")], { ...BENCH_ENV, CDKTF_OUTDIR: path.join(tmp, "npm-out") }),
        ]),
      ];
    },
  });
  list.push({
    id: "tsc",
    run: () => {
      progress("tsc --noEmit");
      return [
        summarize("tsc", "tsc --noEmit (whole repo)", [
          runCommand(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noEmit", "--incremental", "false"]),
        ]),
      ];
    },
  });
  return list;
}

function progress(what: string): void {
  process.stderr.write(`bench: ${what} …\n`);
}

function compare(results: readonly CaseResult[]): Comparison[] {
  const out: Comparison[] = [];
  for (const s of SIZES) {
    const p = results.find((r) => r.id === `synth-${s.id}`);
    const b = results.find((r) => r.id === `baseline-${s.id}`);
    if (!p || !b) continue;
    if (p.error || b.error) {
      out.push({ size: s.label, sameResources: false, detail: p.error ?? b.error });
      continue;
    }
    const counts = sameCounts(p.info?.resourceCounts, b.info?.resourceCounts);
    const sameAddresses = p.info?.addressDigest !== undefined && p.info.addressDigest === b.info?.addressDigest;
    const bytes = (r: CaseResult) => Number(r.info?.outputBytes ?? NaN);
    out.push({
      size: s.label,
      resources: Number(p.info?.resourceTotal ?? NaN),
      pvecdkCpuMs: p.workCpuMs,
      baselineCpuMs: b.workCpuMs,
      ratio: p.workCpuMs! / b.workCpuMs!,
      wallRatio: p.wallMs! / b.wallMs!,
      outputBytesRatio: bytes(p) / bytes(b),
      sameResources: counts.same && sameAddresses,
      detail: counts.detail ?? (sameAddresses ? undefined : "same counts per type, but different resource addresses"),
    });
  }
  return out;
}

function goals(results: readonly CaseResult[], comparisons: readonly Comparison[]): Goal[] {
  const list: Goal[] = [];
  const find = (id: string) => results.find((r) => r.id === id);
  const check = (goal: string, result: CaseResult | undefined, measure: (r: CaseResult) => { value: string; ok: boolean } | undefined) => {
    if (!result) return;
    const m = result.error ? undefined : measure(result);
    list.push(m ? { goal, measured: m.value, status: m.ok ? "PASS" : "MISS" } : { goal, measured: "not measured", status: "ERROR", detail: result.error });
  };

  for (const c of comparisons) {
    if (c.ratio === undefined || !c.sameResources) {
      list.push({ goal: `pvecdk ≤ 1.1× baseline, ${c.size}`, measured: "not comparable", status: "ERROR", detail: c.detail });
    } else {
      list.push({ goal: `pvecdk ≤ 1.1× baseline, ${c.size}`, measured: `${c.ratio.toFixed(2)}×`, status: c.ratio <= 1.1 ? "PASS" : "MISS" });
    }
  }
  check(`${LARGE.label}: ≤ 10 s wall`, find(`synth-${LARGE.id}`), (r) => ({ value: fmt(r.wallMs), ok: r.wallMs! <= 10000 }));
  check(`${LARGE.label}: ≤ 1.5 GB peak RSS`, find(`synth-${LARGE.id}`), (r) => ({ value: fmtMiB(r.maxRssMiB), ok: r.maxRssMiB! <= 1.5 * MiB_PER_GB }));
  check(`validator ≤ 0.5 s, ${LARGE.label}`, find("validate-large"), (r) => ({ value: fmt(r.phases?.validate), ok: (r.phases?.validate ?? Infinity) <= 500 }));
  check(`review of ${REVIEW_CHANGES.toLocaleString("en")} changes ≤ 2 s (CLI, wall)`, find("review-cli"), (r) => ({ value: fmt(r.wallMs), ok: r.wallMs! <= 2000 }));
  check("default example ≤ 3 s cold (pvecdk synth)", find("start-cli"), (r) => ({ value: fmt(r.wallMs), ok: r.wallMs! <= 3000 }));
  check("default example ≤ 3 s cold (npm start)", find("start-npm"), (r) => ({ value: fmt(r.wallMs), ok: r.wallMs! <= 3000 }));
  return list;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

function render(results: readonly CaseResult[], comparisons: readonly Comparison[], goalList: readonly Goal[]): string {
  const parts: string[] = [];
  parts.push(
    table(
      ["case", "runs", "wall", "peak RSS", "phases"],
      results.map((r) => [
        r.label,
        String(r.runs.length),
        r.error ? `FAILED: ${r.error}` : fmt(r.wallMs),
        fmtMiB(r.maxRssMiB),
        r.phases ? Object.entries(r.phases).map(([k, v]) => `${k} ${fmt(v)}`).join(", ") : "",
      ]),
    ),
  );
  if (comparisons.length) {
    parts.push(
      table(
        ["size", "resources", "pvecdk (CPU)", "baseline (CPU)", "ratio (CPU)", "ratio (wall)", "output size ratio", "same resources (addresses)"],
        comparisons.map((c) => [
          c.size,
          c.resources === undefined ? "—" : c.resources.toLocaleString("en"),
          fmt(c.pvecdkCpuMs),
          fmt(c.baselineCpuMs),
          c.ratio === undefined ? "—" : `${c.ratio.toFixed(2)}×`,
          c.wallRatio === undefined ? "—" : `${c.wallRatio.toFixed(2)}×`,
          c.outputBytesRatio === undefined ? "—" : `${c.outputBytesRatio.toFixed(2)}×`,
          c.sameResources ? "yes" : `NO${c.detail ? `: ${c.detail}` : ""}`,
        ]),
      ),
    );
  }
  if (goalList.length) {
    parts.push(table(["goal", "measured", "status"], goalList.map((g) => [g.goal, g.measured, g.detail ? `${g.status} (${g.detail})` : g.status])));
  }
  return parts.join("\n\n") + "\n";
}

function main(): void {
  if (!fs.existsSync(CASE_JS)) {
    process.stderr.write("bench: dist/ is missing; run `npm run build` first (npm run bench does).\n");
    process.exit(2);
  }
  const only = process.argv.slice(2);
  const selected = plans().filter((p) => only.length === 0 || only.some((o) => p.id.startsWith(o)));
  if (selected.length === 0) {
    process.stderr.write(`bench: no case matches ${only.join(", ")}; cases: ${plans().map((p) => p.id).join(", ")}\n`);
    process.exit(2);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-bench-"));
  let plan: string | undefined;
  const planFile = () => {
    if (!plan) {
      plan = path.join(tmp, "plan.json");
      fs.writeFileSync(plan, JSON.stringify(generatePlan({ changes: REVIEW_CHANGES, nodes: LARGE.nodes })));
    }
    return plan;
  };
  const started = performance.now();
  const loadBefore = os.loadavg();
  const results: CaseResult[] = [];
  try {
    for (const p of selected) results.push(...p.run({ planFile, tmp }));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const comparisons = compare(results);
  const goalList = goals(results, comparisons);
  const cpus = os.cpus();
  const loadAfter = os.loadavg();
  process.stdout.write(render(results, comparisons, goalList));
  process.stdout.write(
    `\n${cpus.length} × ${cpus[0]?.model ?? "CPU"}, Node ${process.version}; load average ${loadBefore[0].toFixed(1)} before, ${loadAfter[0].toFixed(1)} after. Phases and ratios: medians; peak RSS: maximum over the runs.\n`,
  );
  const missed = goalList.filter((g) => g.status !== "PASS").length;
  process.stderr.write(`bench: ${goalList.length - missed}/${goalList.length} goals met in ${fmt(performance.now() - started)}\n`);

  const out = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    loadAverage: { before: loadBefore, after: loadAfter },
    durationMs: performance.now() - started,
    selection: only,
    goals: goalList,
    comparisons,
    results,
  };
  fs.writeFileSync(path.join(ROOT, "bench", "results.json"), JSON.stringify(out, null, 2) + "\n");
  if (results.some((r) => r.error) || comparisons.some((c) => !c.sameResources)) process.exitCode = 1;
}

main();
