/**
 * The in-process benchmark cases. Each runs in its own process (bench/case.ts),
 * loads only the modules it measures (the `load` phase) and returns the
 * milliseconds of each phase plus facts the runner cross-checks (resource
 * counts, output size).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { generateClusterSpec } from "./generate-spec";

/** Milliseconds per named phase of a case. */
export type Phases = Record<string, number>;

export interface CaseOutput {
  readonly phases: Phases;
  /** Facts about what was produced, for the runner's cross-checks and the results file. */
  readonly info?: Record<string, unknown>;
}

export type BenchCase = (args: Record<string, unknown>) => Promise<CaseOutput>;

/** Phases that prepare the input and are not part of what the goals measure. */
export const SETUP_PHASES: readonly string[] = ["generate"];

async function time<T>(phases: Phases, name: string, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  phases[name] = performance.now() - t0;
  return out;
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
    const phases: Phases = {};
    const spec = await time(phases, "generate", () => generateClusterSpec(size(args)));
    const { ClusterModel } = await time(phases, "load", () => import("../lib/model/model"));
    const { runRules } = await import("../lib/rules");
    const findings = await time(phases, "validate", () => runRules(new ClusterModel(spec)));
    const blocking = findings.filter((f) => f.severity === "error" && !f.acknowledged);
    if (blocking.length > 0) {
      throw new Error(`generated spec has blocking findings: ${blocking.map((f) => `${f.rule} ${f.path}`).join(", ")}`);
    }
    return { phases, info: { findings: findings.length } };
  },

  /**
   * spec → validated model → cdk.tf.json through `synthesizeSpec`, unchanged.
   * Its phases are read off a hook on `ClusterStack.fromSpec`: before the hook
   * is validation, the hook itself (plus emitting the resources, which the
   * synthesis would do first thing anyway) is construction, after it cdktn's
   * synthesis and writing the output.
   */
  async synth(args) {
    const phases: Phases = {};
    const spec = await time(phases, "generate", () => generateClusterSpec(size(args)));
    const { synthesizeSpec } = await time(phases, "load", async () => {
      await import("../stacks/cluster-stack");
      return import("../lib/synth");
    });
    const { ClusterStack } = await import("../stacks/cluster-stack");
    const marks: number[] = [];
    const fromSpec = ClusterStack.fromSpec;
    ClusterStack.fromSpec = (scope, doc) => {
      marks.push(performance.now());
      const stack = fromSpec.call(ClusterStack, scope, doc);
      stack.cluster?.emit();
      marks.push(performance.now());
      return stack;
    };
    const outdir = tempDir("pvecdk-bench-synth-");
    try {
      const t0 = performance.now();
      const summary = synthesizeSpec(spec, { outdir });
      const t1 = performance.now();
      if (marks.length !== 2) throw new Error("synthesizeSpec no longer builds its stack through ClusterStack.fromSpec; update bench/cases.ts");
      phases.validate = marks[0] - t0;
      phases.construct = marks[1] - marks[0];
      phases["synth/write"] = t1 - marks[1];
      return {
        phases,
        info: { resourceCounts: summary.resourceCounts, resourceTotal: summary.resourceTotal, outputBytes: fs.statSync(summary.file).size },
      };
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  },

  /** The same resources written against raw cdktn (bench/baseline.ts), synthesized the same way. */
  async baseline(args) {
    const phases: Phases = {};
    const spec = await time(phases, "generate", () => generateClusterSpec(size(args)));
    const { App, buildBaselineStack } = await time(phases, "load", async () => ({ ...(await import("cdktn")), ...(await import("./baseline")) }));
    const outdir = tempDir("pvecdk-bench-baseline-");
    try {
      const app = new App({ outdir, stackTraces: false });
      const built = await time(phases, "construct", () => buildBaselineStack(app, spec));
      await time(phases, "synth/write", () => app.synth());
      const file = path.join(outdir, "stacks", built.stack.node.id, "cdk.tf.json");
      const resourceCounts = Object.fromEntries(Object.entries(built.resourceCounts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const resourceTotal = Object.values(resourceCounts).reduce((a, b) => a + b, 0);
      return { phases, info: { resourceCounts, resourceTotal, outputBytes: fs.statSync(file).size } };
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  },

  /** `pvecdk review` in process: read, parse, review and render a plan file as Markdown. */
  async review(args) {
    const file = String(args.file);
    const phases: Phases = {};
    const mods = await time(phases, "load", async () => ({
      ...(await import("../lib/plan/plan-json")),
      ...(await import("../lib/plan/review-plan")),
      ...(await import("../lib/plan/present")),
      ...(await import("../lib/plan/render-markdown")),
    }));
    const text = await time(phases, "read", () => fs.readFileSync(file, "utf8"));
    const plan = await time(phases, "parse", () => mods.parsePlanText(text));
    const review = await time(phases, "review", () => mods.reviewPlan(plan, { input: path.basename(file) }));
    const markdown = await time(phases, "render", () => mods.renderMarkdown(mods.presentReview(review)));
    return {
      phases,
      info: { changes: plan.resource_changes?.length ?? 0, planBytes: text.length, markdownBytes: markdown.length, counts: review.counts },
    };
  },
};
