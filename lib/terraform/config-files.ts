import * as fs from "fs";
import * as path from "path";

/** A Terraform JSON file that could not be found or parsed; the message is one line naming the file. */
export class TerraformInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TerraformInputError";
  }
}

export interface TerraformConfigFile {
  /** The file as the caller named it (a relative target gives relative names), for messages. */
  readonly file: string;
  readonly config: unknown;
}

/** Relative names are resolved against `baseDir` (default: the process's working directory) but reported as given. */
export interface LoadOptions {
  readonly baseDir?: string;
}

const STACK_FILE = "cdk.tf.json";

/**
 * The synthesized Terraform JSON files at `target`: the file itself, a stack
 * directory's `cdk.tf.json`, or every `stacks/<name>/cdk.tf.json` of a
 * `cdktf.out` directory (sorted by stack name).
 */
export function findTerraformJsonFiles(target: string, options: LoadOptions = {}): string[] {
  const at = (p: string) => path.resolve(options.baseDir ?? process.cwd(), p);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(at(target));
  } catch {
    throw new TerraformInputError(`${target}: no such file or directory`);
  }
  if (stat.isFile()) return [target];
  if (!stat.isDirectory()) throw new TerraformInputError(`${target}: not a file or directory`);

  const stackFile = path.join(target, STACK_FILE);
  if (isFile(at(stackFile))) return [stackFile];

  const stacksDir = path.join(target, "stacks");
  const files = isDirectory(at(stacksDir))
    ? fs
        .readdirSync(at(stacksDir))
        .sort()
        .map((name) => path.join(stacksDir, name, STACK_FILE))
        .filter((file) => isFile(at(file)))
    : [];
  if (files.length === 0) {
    throw new TerraformInputError(
      `${target}: no synthesized stacks found (expected ${STACK_FILE} or stacks/<stack>/${STACK_FILE}); run synthesis first`,
    );
  }
  return files;
}

/** Reads and parses one Terraform JSON file. */
export function readTerraformJson(file: string, options: LoadOptions = {}): unknown {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(options.baseDir ?? process.cwd(), file), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TerraformInputError(code === "ENOENT" ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(err)})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TerraformInputError(`${file}: not valid JSON: ${jsonErrorLocation(text, err)}`);
  }
}

/** Finds and parses every Terraform JSON file at `target` (see findTerraformJsonFiles). */
export function loadTerraformConfigs(target: string, options: LoadOptions = {}): TerraformConfigFile[] {
  return findTerraformJsonFiles(target, options).map((file) => ({ file, config: readTerraformJson(file, options) }));
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The parser's message on one line, with the line and column when it gives a position. */
function jsonErrorLocation(text: string, err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, " ").trim();
  const position = /at position (\d+)/.exec(message);
  if (!position || /line \d+/.test(message)) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${message} (line ${line}, column ${column})`;
}
