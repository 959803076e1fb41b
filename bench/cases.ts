import { performance } from "perf_hooks";
import { ClusterModel } from "../lib/model/model";
import { runRules } from "../lib/rules";
import { generateClusterSpec } from "./generate-spec";

/** Milliseconds per named phase of a case. */
export type Phases = Record<string, number>;
export type BenchCase = (args: Record<string, unknown>) => Promise<Phases> | Phases;

function time<T>(phases: Phases, name: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  phases[name] = performance.now() - t0;
  return out;
}

function size(args: Record<string, unknown>): { nodes: number; vms: number } {
  return { nodes: Number(args.nodes ?? 3), vms: Number(args.vms ?? 30) };
}

export const BENCH_CASES: Record<string, BenchCase> = {
  /** The validator alone: model construction plus every rule. */
  validate(args) {
    const phases: Phases = {};
    const spec = time(phases, "generate", () => generateClusterSpec(size(args)));
    const findings = time(phases, "validate", () => runRules(new ClusterModel(spec)));
    if (findings.some((f) => f.severity === "error" && !f.acknowledged)) {
      throw new Error(`generated spec has blocking findings: ${findings.filter((f) => f.severity === "error").map((f) => f.rule).join(", ")}`);
    }
    return phases;
  },
};
