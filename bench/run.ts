/**
 * `npm run bench`: runs every benchmark case in its own process, prints a table
 * and writes bench/results.json. Goals come from issue #6 and docs/performance.md.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";

const ROOT = path.resolve(__dirname, "..", "..");
const CASE_JS = path.join(ROOT, "dist", "bench", "case.js");

interface CaseSpec {
  readonly id: string;
  readonly label: string;
  /** Either an in-process case of bench/cases.ts, or a whole command. */
  readonly bench?: { readonly name: string; readonly args: Record<string, unknown> };
  readonly command?: { readonly cmd: string; readonly args: readonly string[] };
}

interface CaseResult {
  readonly id: string;
  readonly label: string;
  readonly wallMs: number;
  readonly maxRssMiB?: number;
  readonly phases?: Record<string, number>;
  readonly error?: string;
}

const SIZES = [
  { id: "small", nodes: 3, vms: 30 },
  { id: "medium", nodes: 16, vms: 1000 },
  { id: "large", nodes: 64, vms: 10000 },
];

function cases(): CaseSpec[] {
  const list: CaseSpec[] = [];
  list.push({ id: "validate-large", label: "validator, 64 nodes / 10,000 VMs", bench: { name: "validate", args: SIZES[2] } });
  list.push({
    id: "tsc",
    label: "tsc --noEmit (whole repo)",
    command: { cmd: process.execPath, args: [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noEmit", "--incremental", "false"] },
  });
  return list;
}

function runCase(c: CaseSpec): CaseResult {
  const t0 = performance.now();
  if (c.bench) {
    const child = spawnSync(process.execPath, [CASE_JS, c.bench.name, JSON.stringify(c.bench.args)], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTN_DISABLE_CREATION_STACK: "1", CHECKPOINT_DISABLE: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = performance.now() - t0;
    if (child.status !== 0) return { id: c.id, label: c.label, wallMs, error: (child.stderr || "").trim().split("\n")[0] };
    const line = child.stdout.trim().split("\n").pop() ?? "{}";
    const parsed = JSON.parse(line) as { phases: Record<string, number>; maxRssMiB: number };
    return { id: c.id, label: c.label, wallMs, maxRssMiB: parsed.maxRssMiB, phases: parsed.phases };
  }
  const cmd = c.command!;
  const child = spawnSync(cmd.cmd, [...cmd.args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  const wallMs = performance.now() - t0;
  if (child.status !== 0) return { id: c.id, label: c.label, wallMs, error: (child.stderr || child.stdout || "").trim().split("\n")[0] };
  return { id: c.id, label: c.label, wallMs };
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function main(): void {
  if (!fs.existsSync(CASE_JS)) {
    process.stderr.write("bench: dist/ is missing; run `npm run build` first (npm run bench does).\n");
    process.exit(2);
  }
  const only = process.argv.slice(2);
  const selected = cases().filter((c) => only.length === 0 || only.some((o) => c.id.startsWith(o)));
  const results: CaseResult[] = [];
  for (const c of selected) {
    process.stderr.write(`bench: ${c.label} …\n`);
    results.push(runCase(c));
  }
  const rows = results.map((r) => {
    const phases = r.phases ? Object.entries(r.phases).map(([k, v]) => `${k} ${fmt(v)}`).join(", ") : "";
    return `| ${r.label} | ${r.error ? "FAILED: " + r.error : fmt(r.wallMs)} | ${r.maxRssMiB ? r.maxRssMiB.toFixed(0) + " MiB" : "—"} | ${phases} |`;
  });
  process.stdout.write(["| case | wall | peak RSS | phases |", "|---|---|---|---|", ...rows].join("\n") + "\n");
  const out = {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    results,
  };
  fs.mkdirSync(path.join(ROOT, "bench"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench", "results.json"), JSON.stringify(out, null, 2) + "\n");
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main();
