import * as fs from "fs";
import * as path from "path";
import { JsonObject, JsonValue, isObject } from "./json";
import { PlanInputError } from "./plan-json";

/** One resource or data source of a synthesized stack, cdktn metadata removed. */
export interface SynthResource {
  /** `type.name`, or `data.type.name`; prefixed by `<stack>/` when the output has several stacks. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly config: JsonObject;
}

export interface SynthOutput {
  /** What the user named. */
  readonly input: string;
  readonly stacks: readonly string[];
  readonly resources: ReadonlyMap<string, SynthResource>;
}

const STACK_FILE = "cdk.tf.json";
const HELP = "give a cdk.tf.json file or a cdktf.out directory";

/**
 * Reads a synthesized output: a `cdk.tf.json` file, a stack directory holding
 * one, or a whole `cdktf.out` directory (every stack its manifest lists, or
 * every `stacks/<name>/cdk.tf.json`). `cwd` resolves relative inputs.
 */
export function readSynthOutput(input: string, cwd: string): SynthOutput {
  const full = path.resolve(cwd, input);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw new PlanInputError(`does not exist; ${HELP}`, input);
  }
  let files: { stack: string; file: string; shown: string }[];
  if (stat.isFile()) {
    files = [{ stack: "", file: full, shown: input }];
  } else if (fs.existsSync(path.join(full, STACK_FILE))) {
    files = [{ stack: "", file: path.join(full, STACK_FILE), shown: path.join(input, STACK_FILE) }];
  } else {
    files = stackFiles(full, input);
    if (files.length === 0) throw new PlanInputError(`holds no ${STACK_FILE} (looked at manifest.json and stacks/*/${STACK_FILE}); ${HELP}`, input);
  }

  const resources = new Map<string, SynthResource>();
  const prefix = files.length > 1;
  for (const f of files) {
    const doc = readJson(f.file, f.shown);
    for (const r of resourcesOf(doc, f.shown)) {
      const address = prefix ? `${f.stack}/${r.address}` : r.address;
      resources.set(address, { ...r, address });
    }
  }
  return { input, stacks: files.map((f) => f.stack).filter((s) => s !== ""), resources };
}

function stackFiles(dir: string, shownDir: string): { stack: string; file: string; shown: string }[] {
  const manifestPath = path.join(dir, "manifest.json");
  if (fs.existsSync(manifestPath)) {
    const manifest = readJson(manifestPath, path.join(shownDir, "manifest.json"));
    const stacks = isObject(manifest.stacks) ? manifest.stacks : {};
    return Object.keys(stacks)
      .sort()
      .map((name) => {
        const entry = stacks[name];
        const rel = isObject(entry) && typeof entry.synthesizedStackPath === "string" ? entry.synthesizedStackPath : path.join("stacks", name, STACK_FILE);
        return { stack: name, file: path.join(dir, rel), shown: path.join(shownDir, rel) };
      });
  }
  const stacksDir = path.join(dir, "stacks");
  if (!fs.existsSync(stacksDir)) return [];
  return fs
    .readdirSync(stacksDir)
    .sort()
    .filter((name) => fs.existsSync(path.join(stacksDir, name, STACK_FILE)))
    .map((name) => ({ stack: name, file: path.join(stacksDir, name, STACK_FILE), shown: path.join(shownDir, "stacks", name, STACK_FILE) }));
}

function readJson(file: string, shown: string): JsonObject {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PlanInputError(`cannot be read; ${HELP}`, shown);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new PlanInputError(`is not JSON (${err instanceof Error ? err.message : String(err)}); ${HELP}`, shown);
  }
  if (!isObject(doc)) throw new PlanInputError(`is not synthesized Terraform JSON (not an object); ${HELP}`, shown);
  return doc;
}

function resourcesOf(doc: JsonObject, shown: string): SynthResource[] {
  if (typeof doc.format_version === "string") {
    throw new PlanInputError("is a Terraform plan or state, not synthesized configuration; review plans with `pvecdk review <plan.json>`", shown);
  }
  if (!isObject(doc.resource) && !isObject(doc.data) && !isObject(doc.terraform)) {
    throw new PlanInputError(`is not synthesized Terraform JSON (no resource, data or terraform block); ${HELP}`, shown);
  }
  const out: SynthResource[] = [];
  for (const [mode, block] of [["managed", doc.resource], ["data", doc.data]] as const) {
    if (!isObject(block)) continue;
    for (const type of Object.keys(block)) {
      if (type === "//") continue;
      const byName = block[type];
      if (!isObject(byName)) continue;
      for (const name of Object.keys(byName)) {
        if (name === "//") continue;
        const config = withoutMetadata(byName[name]);
        out.push({
          address: mode === "data" ? `data.${type}.${name}` : `${type}.${name}`,
          mode,
          type,
          name,
          config: isObject(config) ? config : { value: config },
        });
      }
    }
  }
  return out;
}

/** Drops cdktn's `//` metadata keys at every depth (Terraform treats them as comments). */
export function withoutMetadata(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) if (key !== "//") out[key] = withoutMetadata(value[key]);
  return out;
}
