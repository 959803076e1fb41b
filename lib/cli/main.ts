import { Command, CommanderError } from "commander";
import { PVECDK_VERSION } from "../version";
import { CliIo, EXIT_OK, EXIT_USAGE, UserError, processIo } from "./io";
import { COMMANDS } from "./commands";

/**
 * Runs the pvecdk CLI with `argv` (without the node and script entries) and
 * returns the exit code. Never throws for bad input: a UserError becomes one
 * line on stderr; anything else is a bug and is reported as such.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command();
  program
    .name("pvecdk")
    .description(
      "Describe a Proxmox VE cluster once, validate its topology, and synthesize Terraform JSON that builds it.",
    )
    .version(PVECDK_VERSION, "-V, --version", "print the pvecdk version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 problems found in the input, 2 unreadable input or bad command line.",
    );

  for (const register of COMMANDS) {
    register(program, io, (code) => {
      exitCode = code;
    });
  }

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes with 1 from commander.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (err instanceof UserError) {
      io.stderr(`pvecdk: ${err.message}\n`);
      return err.exitCode;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr(`pvecdk: internal error (please report it with the input that caused it):\n${detail}\n`);
    return 70;
  }
  return exitCode;
}

/** Entry point of the `pvecdk` binary. */
export function main(): void {
  runCli(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`pvecdk: internal error: ${String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
