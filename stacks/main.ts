// The cdktn app (`cdktf.json` "app"): synthesizes a cluster spec exactly as `pvecdk synth` does, so
// `cdktn synth` and `npm start` produce the same stack. The spec is PVECDK_SPEC, by default the
// built-in example; the output directory is the one cdktn-cli passes (CDKTF_OUTDIR) or cdktf.out.
import * as path from "path";
import { BlockingFindingsError, ClusterDefinitionError } from "../constructs/errors";
import { UserError } from "../lib/cli/io";
import { loadSpecFile } from "../lib/spec/load";
import { synthesizeSpec } from "../lib/synth";

export const DEFAULT_SPEC = "examples/seed-split-network.yaml";

/** Relative to the working directory when inside it, else absolute. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

function main(): number {
  const file = path.resolve(process.env.PVECDK_SPEC ?? DEFAULT_SPEC);
  const shown = shownPath(file);
  try {
    const { spec } = loadSpecFile(file);
    const summary = synthesizeSpec(spec, { outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
    process.stdout.write(`pvecdk: ${summary.cluster}: ${summary.resourceTotal} resources → ${shownPath(summary.file)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof BlockingFindingsError) {
      process.stderr.write(`pvecdk: ${shown}: ${err.message}\n`);
      return 1;
    }
    if (err instanceof ClusterDefinitionError) {
      process.stderr.write(`pvecdk: ${shown}: ${err.message}\n`);
      return 1;
    }
    // An unreadable or invalid spec file (SpecError) is a one-line user error.
    if (err instanceof UserError) {
      process.stderr.write(`pvecdk: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

process.exitCode = main();
