/**
 * One benchmark case, run in its own process by bench/run.ts so that peak memory
 * (maxRSS) belongs to that case alone. Prints one JSON line: { phases, cpuPhases, info, inProcessMs, maxRssMiB }.
 *
 *   node dist/bench/case.js <case> '<json args>'
 */
import { performance } from "perf_hooks";
import { BENCH_CASES } from "./cases";

async function main(): Promise<void> {
  const [name, rawArgs] = process.argv.slice(2);
  const run = BENCH_CASES[name];
  if (!run) {
    process.stderr.write(`bench: unknown case '${name}'. Known: ${Object.keys(BENCH_CASES).join(", ")}\n`);
    process.exit(2);
  }
  const args = rawArgs ? (JSON.parse(rawArgs) as Record<string, unknown>) : {};
  const started = performance.now();
  const { phases, cpuPhases, info } = await run(args);
  const totalMs = performance.now() - started;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ phases, cpuPhases, info, inProcessMs: totalMs, maxRssMiB }) + "\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`bench case failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
