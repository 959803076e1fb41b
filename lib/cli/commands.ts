import { Command } from "commander";
import { CliIo } from "./io";
import { registerValidate } from "./commands/validate";
import { registerRules } from "./commands/rules";
import { registerReview } from "./commands/review";
import { registerDiff } from "./commands/diff";
import { registerCheck } from "./commands/check";
import { registerSynth } from "./commands/synth";

/**
 * A command registers itself on the program. `setExit` records the command's
 * exit code; throwing a UserError reports one line and exits with its code.
 */
export type RegisterCommand = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/** Every pvecdk command, in help order. */
export const COMMANDS: readonly RegisterCommand[] = [registerValidate, registerRules, registerSynth, registerReview, registerDiff, registerCheck];
