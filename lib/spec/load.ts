import * as fs from "fs";
import { Document, LineCounter, isMap, isPair, isScalar, parseDocument, visit } from "yaml";
import { ClusterSpec } from "../model/spec-types";
import { LocatedMessage, describeSchemaErrors } from "./messages";
import { SourceMap, SourcePosition } from "./positions";
import { SpecError, SpecProblem } from "./problems";
import { checkReferences } from "./references";
import { schemaValidator } from "./schema";

/** A spec read from a file, with the means to point back into that file. */
export interface LoadedSpec {
  readonly spec: ClusterSpec;
  /** The file name as given to the loader (used in every message). */
  readonly file: string;
  /**
   * Line of a finding's JSON pointer: the key of the setting, or the deepest
   * enclosing section the file contains when the setting itself is absent.
   */
  lineOf(pointer: string): number | undefined;
  /** Line and column of a JSON pointer, with the same fallback as `lineOf`. */
  positionOf(pointer: string): SourcePosition | undefined;
}

/** Aliases may repeat a block; more than this many expansions is an alias bomb, not a cluster. */
const MAX_ALIAS_EXPANSIONS = 1000;

/**
 * Reads and validates a cluster spec file (YAML, or JSON which is read the same way).
 * @param shownAs the name used in messages, e.g. the path relative to the working directory
 * @throws SpecError `unreadable`/`syntax` (exit 2) or `invalid` (exit 1), listing every problem
 */
export function loadSpecFile(file: string, shownAs: string = file): LoadedSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new SpecError(shownAs, "unreadable", [{ path: "/", message: readFailure(err) }]);
  }
  return loadSpecText(text, shownAs);
}

/**
 * Parses and validates spec text; `file` names it in messages and decides
 * whether JSON syntax errors are explained as JSON (`.json`).
 */
export function loadSpecText(text: string, file: string): LoadedSpec {
  const lines = new LineCounter();
  const isJson = /\.json$/i.test(file);
  if (isJson) checkJsonSyntax(text, file);

  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const syntax = [...doc.errors, ...doc.warnings].map((e): SpecProblem => {
    const [start] = e.linePos ?? [];
    return { path: "/", line: start?.line, column: start?.col, message: syntaxMessage(e.code, e.message, text.slice(e.pos[0])) };
  });
  syntax.push(...keyProblems(doc, lines));
  if (syntax.length > 0) throw new SpecError(file, "syntax", syntax);

  let value: unknown;
  // Parsing collected every warning above; converting must not print any to the console.
  doc.options.logLevel = "error";
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (err) {
    throw new SpecError(file, "syntax", [
      { path: "/", message: `the document could not be expanded (${err instanceof Error ? err.message : String(err)}) — use fewer YAML aliases (*name)` },
    ]);
  }

  const map = new SourceMap(doc, lines);
  const spec = validateSpecValue(value, file, map);
  return {
    spec,
    file,
    lineOf: (pointer) => map.keyPosition(pointer)?.line,
    positionOf: (pointer) => map.keyPosition(pointer),
  };
}

/**
 * Validates an already parsed value (e.g. a spec built in code) against the schema
 * and the cross-reference checks; problems carry positions when `map` is given.
 * @throws SpecError of kind `invalid`
 */
export function validateSpecValue(value: unknown, file: string, map?: SourceMap): ClusterSpec {
  const validate = schemaValidator();
  const sourceText = (pointer: string): string | undefined => {
    const node = map?.nodeAt(pointer);
    return isScalar(node) ? node.source : undefined;
  };
  let messages: LocatedMessage[];
  if (!validate(value)) {
    messages = describeSchemaErrors(validate.errors ?? [], sourceText);
  } else {
    messages = checkReferences(value as ClusterSpec);
  }
  if (messages.length > 0) throw new SpecError(file, "invalid", messages.map((m) => place(m, map)));
  return value as ClusterSpec;
}

function place(message: LocatedMessage, map: SourceMap | undefined): SpecProblem {
  let position: SourcePosition | undefined;
  if (map) {
    if (message.anchor === "value") position = map.valuePosition(message.path) ?? map.keyPosition(message.path);
    else if (message.anchor === "key") position = map.keyPosition(message.path);
    else position = map.keyPosition(parentOf(message.path));
  }
  return { path: message.path, line: position?.line, column: position?.column, message: message.message };
}

function parentOf(pointer: string): string {
  const cut = pointer.lastIndexOf("/");
  return cut <= 0 ? "/" : pointer.slice(0, cut);
}

function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "cannot read the file: it does not exist — check the path";
    case "EISDIR":
      return "cannot read the file: it is a directory — name a .yaml or .json file";
    case "EACCES":
    case "EPERM":
      return "cannot read the file: permission denied — check its permissions";
    default:
      return `cannot read the file: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** JSON gets JSON's own diagnosis first: "missing comma" is clearer than YAML's view of the same text. */
function checkJsonSyntax(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(raw);
    const offset = at ? Number(at[1]) : text.length;
    const { line, column } = lineAndColumn(text, offset);
    const what = raw.replace(/\s*in JSON at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
    throw new SpecError(file, "syntax", [
      { path: "/", line, column, message: `invalid JSON: ${what} — check for a missing or extra comma, quote or bracket here` },
    ]);
  }
}

function lineAndColumn(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** `rest` is the source text from where the parser stopped. */
function syntaxMessage(code: string, raw: string, rest: string): string {
  switch (code) {
    case "DUPLICATE_KEY": {
      const key = /^\s*["']?([^"':\n]*)/.exec(rest)?.[1]?.trim();
      return `duplicate key ${JSON.stringify(key || "?")} — a key may appear only once in a mapping; keep one`;
    }
    case "MULTIPLE_DOCS":
      return "the file holds more than one YAML document — pvecdk reads one cluster per file; remove the '---' separator or split the file";
    case "TAB_AS_INDENT":
      return "a tab is used for indentation — indent YAML with spaces";
    case "TAG_RESOLVE_FAILED":
      return `unknown YAML tag ${JSON.stringify(/^\S*/.exec(rest)?.[0] ?? "")} — remove it; the spec uses plain values only`;
    default: {
      const first = raw.split("\n")[0].replace(/\s+at line \d+, column \d+:?\s*$/, "");
      return `YAML syntax error: ${first} — check indentation, quotes and brackets here`;
    }
  }
}

/** Keys must be plain words: a null or collection key cannot become a property name. */
function keyProblems(doc: Document, lines: LineCounter): SpecProblem[] {
  const out: SpecProblem[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair)) return;
      const key = pair.key;
      if (isScalar(key) && key.value !== null && typeof key.value !== "object") return;
      const offset = (isScalar(key) || isMap(key) ? key.range?.[0] : undefined) ?? (pair.value as { range?: number[] } | null)?.range?.[0];
      const pos = offset === undefined ? undefined : lines.linePos(offset);
      out.push({ path: "/", line: pos?.line, column: pos?.col, message: "a key is empty or not a plain word — write keys as 'name: value'" });
    },
  });
  return out;
}
