import { CliIo } from "../../lib/cli/io";
import { runCli } from "../../lib/cli/main";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** Working directory the command sees. */
  readonly cwd: string;
  /** @default false (not a terminal: no colour, Markdown review) */
  readonly isTTY?: boolean;
  /** @default {} (no NO_COLOR, no credentials) */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs the pvecdk CLI in-process and collects what it prints. */
export async function runCliCaptured(argv: readonly string[], options: CliRunOptions): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: options.isTTY ?? false,
    cwd: options.cwd,
    env: options.env ?? {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
