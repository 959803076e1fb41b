import * as fs from "fs";
import { Document, LineCounter, isPair, isScalar, parseDocument, visit } from "yaml";
import { ClusterSpec } from "../model/spec-types";
import { findJsonSyntaxError } from "./json-syntax";
import { LocatedMessage, describeSchemaErrors } from "./messages";
import { JsonSourceMap, SourceMap, SourcePosition, YamlSourceMap } from "./positions";
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

/** Real specs nest a few levels deep; thousands of levels of indentation only come from broken or hostile files. */
const MAX_INDENT = 255;
const DEEP_INDENT = new RegExp(`^[ \\t]{${MAX_INDENT + 1},}\\S`, "m");

/**
 * Reads and validates a cluster spec file: YAML, or JSON when the name ends in `.json`.
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
 * Parses and validates spec text; `file` names it in messages, and a `.json`
 * name selects the JSON reader (JSON's own syntax messages, and positions from
 * the JSON scanner, computed only when a message needs a line).
 */
export function loadSpecText(source: string, file: string): LoadedSpec {
  // Editors on some systems start UTF-8 files with a byte order mark; it carries no content.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return /\.json$/i.test(file) ? loadJson(text, file) : loadYaml(text, file);
}

/**
 * Validates a spec value built in code (no file behind it, so problems carry
 * JSON pointers but no lines).
 * @throws SpecError of kind `invalid`
 */
export function validateSpecValue(value: unknown, file: string): ClusterSpec {
  return validate(value, file, () => undefined);
}

function loadYaml(text: string, file: string): LoadedSpec {
  checkIndentation(text, file);
  const lines = new LineCounter();
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
  const map = new YamlSourceMap(doc, lines);
  return loaded(validate(value, file, () => map), file, () => map);
}

function loadJson(text: string, file: string): LoadedSpec {
  const error = findJsonSyntaxError(text);
  if (error) {
    const { line, column } = lineAndColumn(text, error.offset);
    const message =
      error.duplicateKey !== undefined
        ? `${error.message} — a key may appear only once in an object; keep one`
        : `invalid JSON: ${error.message} — fix the text here`;
    throw new SpecError(file, "syntax", [{ path: "/", line, column, message }]);
  }
  const value: unknown = JSON.parse(text);
  let map: SourceMap | undefined;
  const locate = () => (map ??= new JsonSourceMap(text));
  return loaded(validate(value, file, locate), file, locate);
}

function loaded(spec: ClusterSpec, file: string, locate: () => SourceMap): LoadedSpec {
  return {
    spec,
    file,
    lineOf: (pointer) => locate().keyPosition(pointer)?.line,
    positionOf: (pointer) => locate().keyPosition(pointer),
  };
}

/** Schema first; the cross-reference checks assume a document of the right shape. */
function validate(value: unknown, file: string, locate: () => SourceMap | undefined): ClusterSpec {
  const validator = schemaValidator();
  const sourceText = (pointer: string): string | undefined => locate()?.scalarSource(pointer);
  const messages: LocatedMessage[] = validator(value) ? checkReferences(value as ClusterSpec) : describeSchemaErrors(validator.errors ?? [], sourceText);
  if (messages.length > 0) {
    const map = locate();
    throw new SpecError(file, "invalid", messages.map((m) => place(m, map)));
  }
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

/**
 * Refuses absurd indentation before the YAML parser sees it: yaml 2.9 exhausts
 * memory (an uncatchable abort) on a few thousand nested block levels.
 */
function checkIndentation(text: string, file: string): void {
  const deep = DEEP_INDENT.exec(text);
  if (!deep) return;
  const { line } = lineAndColumn(text, deep.index);
  throw new SpecError(file, "syntax", [
    { path: "/", line, column: MAX_INDENT + 1, message: `a line is indented by more than ${MAX_INDENT} characters — a cluster spec never nests that deep; check the indentation` },
  ]);
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
    case "RESOURCE_EXHAUSTION":
      return "the document nests too deeply to read — a cluster spec never nests more than a few levels; check the brackets and indentation";
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
      type Ranged = { readonly range?: readonly number[] | null } | null | undefined;
      const offset = (key as Ranged)?.range?.[0] ?? (pair.value as Ranged)?.range?.[0];
      const pos = offset === undefined ? undefined : lines.linePos(offset);
      out.push({ path: "/", line: pos?.line, column: pos?.col, message: "a key is empty or not a plain word — write keys as 'name: value'" });
    },
  });
  return out;
}
