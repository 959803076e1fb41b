import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktn";
import { ApplyPhaseSummary } from "../../constructs/apply-phases";
import { BlockingFindingsError, ClusterDefinitionError } from "../../constructs/errors";
import { ClusterStack } from "../../stacks/cluster-stack";
import { Finding, isBlocking } from "../model/findings";
import { ClusterModel } from "../model/model";
import { ClusterSpec } from "../model/spec-types";
import { runRules } from "../rules";

export interface SynthesisSummary {
  readonly cluster: string;
  /** `stacks/<cluster>`, relative to the output directory. */
  readonly stackDir: string;
  /** Path of the written cdk.tf.json. */
  readonly file: string;
  /** Resource count per Terraform type, types sorted. */
  readonly resourceCounts: Readonly<Record<string, number>>;
  readonly resourceTotal: number;
  readonly phases: readonly ApplyPhaseSummary[];
  /** Every validator finding (none blocking, or synthesis would have stopped). */
  readonly findings: readonly Finding[];
  /** What the synthesizer left to the operator. */
  readonly notes: readonly string[];
}

/** Runs the validator on a spec: the same check the constructs repeat at synthesis. */
export function checkSpec(doc: ClusterSpec): { model: ClusterModel; findings: Finding[]; blocking: Finding[] } {
  const model = new ClusterModel(doc);
  const findings = runRules(model);
  return { model, findings, blocking: findings.filter(isBlocking) };
}

/**
 * Construction is several times faster without creation stack traces, and
 * they would only bloat the output; keep an explicit choice of the caller.
 */
function preferFastConstruction(): void {
  if (process.env.CDKTN_DISABLE_CREATION_STACK === undefined) process.env.CDKTN_DISABLE_CREATION_STACK = "1";
}

interface StackOutput {
  readonly stack: ClusterStack;
  /** Temporary directory holding the complete cdktn output. */
  readonly tmp: string;
  readonly stackDir: string;
}

/** Synthesizes into a fresh temporary directory; the caller moves what it needs and removes it. */
function synthesizeToTemp(build: (app: App) => ClusterStack): StackOutput {
  preferFastConstruction();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-synth-"));
  try {
    const app = new App({ outdir: tmp, stackTraces: false });
    const stack = build(app);
    app.synth();
    return { stack, tmp, stackDir: path.posix.join("stacks", stack.node.id) };
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Synthesizes the stack `build` creates and returns its cdk.tf.json text,
 * writing nothing outside a temporary directory.
 */
export function synthesizeJson(build: (app: App) => ClusterStack): string {
  const out = synthesizeToTemp(build);
  try {
    return fs.readFileSync(path.join(out.tmp, out.stackDir, "cdk.tf.json"), "utf8");
  } finally {
    fs.rmSync(out.tmp, { recursive: true, force: true });
  }
}

/**
 * Synthesizes the stack `build` creates into `outdir/stacks/<cluster>/`.
 * Everything is produced in a temporary directory first and copied only when
 * synthesis succeeded, so a failure never leaves partial output; the stack's
 * previous output is replaced as a whole, other stacks in `outdir` are kept.
 * @throws BlockingFindingsError when the cluster has unacknowledged errors
 */
export function synthesize(build: (app: App) => ClusterStack, options: { readonly outdir: string }): SynthesisSummary {
  const out = synthesizeToTemp(build);
  try {
    const target = path.join(options.outdir, out.stackDir);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(path.join(out.tmp, out.stackDir), target, { recursive: true });
    mergeManifest(path.join(out.tmp, "manifest.json"), path.join(options.outdir, "manifest.json"));

    const cluster = out.stack.cluster;
    // Counted as cdktn wrote them (reading back cdk.tf.json took 0.3 s at 10,000 VMs).
    const written = out.stack.synthesizedResourceCounts;
    if (!written) throw new Error("internal error: cdktn did not write the stack's JSON configuration");
    const resourceCounts: Record<string, number> = { ...written };
    const resourceTotal = Object.values(resourceCounts).reduce((sum, count) => sum + count, 0);
    const findings = cluster?.findings() ?? [];
    return {
      cluster: cluster?.clusterName ?? out.stack.node.id,
      stackDir: out.stackDir,
      file: path.join(target, "cdk.tf.json"),
      resourceCounts,
      resourceTotal,
      phases: cluster?.phases() ?? [],
      findings,
      notes: cluster?.notes() ?? [],
    };
  } finally {
    fs.rmSync(out.tmp, { recursive: true, force: true });
  }
}

/**
 * Validates a spec, then synthesizes its ClusterStack into `outdir`. Blocking
 * findings throw before anything is written. `findings`: what `checkSpec(doc)`
 * returned, when the caller already ran it (the rules then run only once).
 */
export function synthesizeSpec(doc: ClusterSpec, options: { readonly outdir: string; readonly findings?: readonly Finding[] }): SynthesisSummary {
  // The cluster validates its spec (the same one: toSpec() round-trips) before
  // emitting anything, so validating here too would only double the cost.
  try {
    return synthesize((app) => ClusterStack.fromSpec(app, doc, options.findings), options);
  } catch (err) {
    // Building the constructs stops at the first problem the rules report better
    // (a duplicate name): report the blocking findings first, as before.
    if (err instanceof ClusterDefinitionError) {
      const blocking = options.findings ? options.findings.filter(isBlocking) : checkSpec(doc).blocking;
      if (blocking.length > 0) throw new BlockingFindingsError(doc.spec.name, blocking);
    }
    throw err;
  }
}

/** Adds this synthesis' stacks to an existing cdktn manifest, so earlier stacks stay listed. */
function mergeManifest(fresh: string, target: string): void {
  const next = JSON.parse(fs.readFileSync(fresh, "utf8")) as { stacks?: Record<string, unknown> };
  let merged = next;
  if (fs.existsSync(target)) {
    try {
      const previous = JSON.parse(fs.readFileSync(target, "utf8")) as { stacks?: Record<string, unknown> };
      const stacks: Record<string, unknown> = { ...(previous.stacks ?? {}), ...(next.stacks ?? {}) };
      merged = { ...next, stacks: Object.fromEntries(Object.keys(stacks).sort().map((k) => [k, stacks[k]])) };
    } catch {
      // An unreadable manifest is replaced: it only lists stacks for cdktn-cli.
    }
  }
  fs.writeFileSync(target, JSON.stringify(merged, null, 2));
}
