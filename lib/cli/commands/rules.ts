import { Command, Option } from "commander";
import { ALL_RULES } from "../../rules";
import { RegisterCommand } from "../commands";
import { CliIo, EXIT_OK } from "../io";

/** `pvecdk rules [--format text|json]`: every rule ID the validator reports, with its title. */
export const registerRules: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  program
    .command("rules")
    .description("list the rules pvecdk validate checks (IDs usable under spec.acknowledge)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", "\nExample:\n  $ pvecdk rules | grep '^C'\n\nThe catalog with rationale and sources: docs/rules/.")
    .action((options: { readonly format: "text" | "json" }) => {
      if (options.format === "json") {
        io.stdout(JSON.stringify({ rules: ALL_RULES.map((r) => ({ id: r.id, title: r.title })) }, null, 2) + "\n");
      } else {
        const width = Math.max(2, ...ALL_RULES.map((r) => r.id.length));
        io.stdout(ALL_RULES.map((r) => `${r.id.padEnd(width)}  ${r.title}`).join("\n") + (ALL_RULES.length > 0 ? "\n" : ""));
      }
      setExit(EXIT_OK);
    });
};
