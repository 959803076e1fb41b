/** Everything a CLI command may touch of the outside world, so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout is an interactive terminal (decides colour and default formats). */
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** The input was read, and it has problems (findings, schema problems, a gate tripped). */
export const EXIT_PROBLEMS = 1;
/** The input could not be read or parsed, or the command line was wrong. */
export const EXIT_USAGE = 2;

/**
 * A failure the user can fix, reported as one clear line (no stack trace).
 * `file` and `location` are prefixed to the message when given.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}
