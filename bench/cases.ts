/**
 * The in-process benchmark cases. Each runs in its own process (bench/case.ts),
 * loads only the modules it measures (the `load` phase) and returns the
 * milliseconds of each phase plus facts the runner cross-checks (resource
 * counts, output size).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { generateClusterSpec } from "./generate-spec";

/** Milliseconds per named phase of a case. */
export type Phases = Record<string, number>;

export interface CaseOutput {
  /** Wall-clock milliseconds per phase. */
  readonly phases: Phases;
  /**
   * CPU milliseconds (user + system, all threads) per phase. Other processes
   * on a small machine stretch wall time but hardly CPU time, so ratios
   * between cases are computed from these.
   */
  readonly cpuPhases: Phases;
  /** Facts about what was produced, for the runner's cross-checks and the results file. */
  readonly info?: Record<string, unknown>;
}

export type BenchCase = (args: Record<string, unknown>) => Promise<CaseOutput>;

/**
 * Phases outside the compared work: making the input, and loading the code
 * (the same cdktn for both sides; pvecdk's own start-up is what the cold-start
 * cases measure).
 */
export const SETUP_PHASES: readonly string[] = ["generate", "load"];

/** A point in time, on the wall clock and in this process's CPU time. */
interface Instant {
  readonly wall: number;
  readonly cpu: number;
}

function now(): Instant {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
}

/** Records phases in wall and CPU time. */
class Recorder {
  readonly phases: Phases = {};
  readonly cpuPhases: Phases = {};

  async time<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const start = now();
    const out = await fn();
    this.record(name, start, now());
    return out;
  }

  record(name: string, start: Instant, end: Instant): void {
    this.phases[name] = end.wall - start.wall;
    this.cpuPhases[name] = end.cpu - start.cpu;
  }

  output(info?: Record<string, unknown>): CaseOutput {
    return { phases: this.phases, cpuPhases: this.cpuPhases, info };
  }
}

/**
 * Starts the measured work from a collected heap (the runner starts cases with
 * --expose-gc). Without it, whatever generating the spec in-process left in
 * the old generation made V8 run a dozen full collections during about every
 * other synthesis at 1,000 VMs — a harness artefact the CLI never shows
 * (docs/performance.md, "GC").
 */
function settleHeap(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * A digest of every resource address (`type.name`) in a cdk.tf.json, read
 * after the timed work: equal digests mean both sides emitted the very same
 * resources, not just as many of each type.
 */
function addressDigest(file: string): string {
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  const addresses = Object.entries(doc.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
  return createHash("sha256").update(addresses.sort().join("\n")).digest("hex").slice(0, 16);
}

function size(args: Record<string, unknown>): { nodes: number; vms: number } {
  return { nodes: Number(args.nodes ?? 3), vms: Number(args.vms ?? 30) };
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const BENCH_CASES: Record<string, BenchCase> = {
  /** The validator alone: model construction plus every rule. */
  async validate(args) {
    const r = new Recorder();
    const spec = await r.time("generate", () => generateClusterSpec(size(args)));
    const { ClusterModel, runRules } = await r.time("load", async () => ({ ...(await import("../lib/model/model")), ...(await import("../lib/rules")) }));
    settleHeap();
    const findings = await r.time("validate", () => runRules(new ClusterModel(spec)));
    const blocking = findings.filter((f) => f.severity === "error" && !f.acknowledged);
    if (blocking.length > 0) {
      throw new Error(`generated spec has blocking findings: ${blocking.map((f) => `${f.rule} ${f.path}`).join(", ")}`);
    }
    return r.output({ findings: findings.length });
  },

  /**
   * spec → validated model → cdk.tf.json through `synthesizeSpec`, unchanged.
   * Phases are read off two hooks: `ClusterStack.fromSpec` (which the hook
   * follows with `cluster.emit()`, the first thing synthesis would do anyway)
   * marks construction, and the time spent in `runRules` inside it is the
   * validation. What follows is cdktn's synthesis and writing the output.
   */
  async synth(args) {
    const r = new Recorder();
    const spec = await r.time("generate", () => generateClusterSpec(size(args)));
    const { synthesizeSpec, ClusterStack, rules } = await r.time("load", async () => ({
      ...(await import("../stacks/cluster-stack")),
      ...(await import("../lib/synth")),
      rules: await import("../lib/rules"),
    }));
    const marks: Instant[] = [];
    const fromSpec = ClusterStack.fromSpec;
    ClusterStack.fromSpec = (scope, doc, validated) => {
      marks.push(now());
      const stack = fromSpec.call(ClusterStack, scope, doc, validated);
      stack.cluster?.emit();
      marks.push(now());
      return stack;
    };
    // Compiled modules call `rules_1.runRules(...)`, so replacing the export reaches every caller.
    const validation = { wall: 0, cpu: 0, runs: 0, laterRuns: 0 };
    const runRules = rules.runRules;
    (rules as { runRules: typeof runRules }).runRules = (...ruleArgs) => {
      if (marks.length === 2) {
        validation.laterRuns++;
        return runRules(...ruleArgs);
      }
      const t0 = now();
      try {
        return runRules(...ruleArgs);
      } finally {
        const t1 = now();
        validation.wall += t1.wall - t0.wall;
        validation.cpu += t1.cpu - t0.cpu;
        validation.runs++;
      }
    };
    const outdir = tempDir("pvecdk-bench-synth-");
    try {
      settleHeap();
      const start = now();
      const summary = synthesizeSpec(spec, { outdir });
      const end = now();
      if (marks.length !== 2) throw new Error("synthesizeSpec no longer builds its stack through ClusterStack.fromSpec; update bench/cases.ts");
      // Rule runs up to the end of construction are the validate phase (later ones stay in synth/write).
      r.record("validate", { wall: 0, cpu: 0 }, validation);
      r.record("construct", start, { wall: marks[1].wall - validation.wall, cpu: marks[1].cpu - validation.cpu });
      r.record("synth/write", marks[1], end);
      return r.output({
        resourceCounts: summary.resourceCounts,
        resourceTotal: summary.resourceTotal,
        outputBytes: fs.statSync(summary.file).size,
        addressDigest: addressDigest(summary.file),
        ruleRuns: { beforeSynthesis: validation.runs, duringSynthesis: validation.laterRuns },
      });
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  },

  /** The same resources written against raw cdktn (bench/baseline.ts), synthesized the same way. */
  async baseline(args) {
    const r = new Recorder();
    const spec = await r.time("generate", () => generateClusterSpec(size(args)));
    const { App, buildBaselineStack } = await r.time("load", async () => ({ App: (await import("cdktn")).App, ...(await import("./baseline")) }));
    const outdir = tempDir("pvecdk-bench-baseline-");
    try {
      settleHeap();
      const app = new App({ outdir, stackTraces: false });
      const built = await r.time("construct", () => buildBaselineStack(app, spec));
      await r.time("synth/write", () => app.synth());
      const file = path.join(outdir, "stacks", built.stack.node.id, "cdk.tf.json");
      const resourceCounts = Object.fromEntries(Object.entries(built.resourceCounts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const resourceTotal = Object.values(resourceCounts).reduce((a, b) => a + b, 0);
      return r.output({ resourceCounts, resourceTotal, outputBytes: fs.statSync(file).size, addressDigest: addressDigest(file) });
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  },

  /** `pvecdk review` in process: read, parse, review and render a plan file as Markdown. */
  async review(args) {
    const file = String(args.file);
    const r = new Recorder();
    const mods = await r.time("load", async () => ({
      ...(await import("../lib/plan/plan-json")),
      ...(await import("../lib/plan/review-plan")),
      ...(await import("../lib/plan/present")),
      ...(await import("../lib/plan/render-markdown")),
    }));
    settleHeap();
    const bytes = await r.time("read", () => fs.readFileSync(file));
    const plan = await r.time("parse", () => mods.parsePlanBytes(bytes));
    const review = await r.time("review", () => mods.reviewPlan(plan, { input: path.basename(file) }));
    const markdown = await r.time("render", () => mods.renderMarkdown(mods.presentReview(review)));
    return r.output({ changes: plan.resource_changes?.length ?? 0, planBytes: bytes.length, markdownBytes: markdown.length, counts: review.counts });
  },
};
