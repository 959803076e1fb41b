import * as path from "path";
import { LoadedSpec, loadSpecFile } from "../spec/load";
import { SpecError } from "../spec/problems";
import { CliIo } from "./io";
import { displayPath } from "./paths";
import { formatSpecErrorJson } from "./report";

export type SpecInput =
  | { readonly loaded: LoadedSpec; readonly shown: string }
  /** The spec could not be loaded and its problems were already printed as JSON. */
  | { readonly exitCode: number };

/**
 * Loads the spec a command was given. With `--format json` a SpecError is printed
 * as JSON on stdout; in text mode it propagates, and the CLI prints its message
 * (every problem, one per line) and exits with its code.
 */
export function loadSpecForCommand(specArg: string, format: string | undefined, io: CliIo): SpecInput {
  const file = path.resolve(io.cwd, specArg);
  const shown = displayPath(io.cwd, file);
  try {
    return { loaded: loadSpecFile(file, shown), shown };
  } catch (err) {
    if (err instanceof SpecError && format === "json") {
      io.stdout(formatSpecErrorJson(err));
      return { exitCode: err.exitCode };
    }
    throw err;
  }
}
