/**
 * A small JSON scanner with two uses. It locates the first syntax error and
 * says what it expected there ("expected ',' or '}' after a value"): JSON.parse
 * knows the text is broken but, depending on the Node version, reports no
 * position or quotes a multi-line excerpt. And it records where every value
 * (and its key) starts, which maps a JSON pointer to a line far faster than
 * running the YAML parser over the JSON text.
 */
export interface JsonSyntaxError {
  /** 0-based offset of the offending character (of the key, for a duplicate). */
  readonly offset: number;
  readonly message: string;
  /** Set when the text parses but repeats a key in one object (JSON.parse would keep the last silently). */
  readonly duplicateKey?: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
    readonly duplicateKey?: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

/** Where a value sits in the text: offsets of its key (inside an object), its first and past-last character. */
export interface JsonSpan {
  readonly key?: number;
  readonly start: number;
  readonly end: number;
}

/** The first syntax error or repeated key, or undefined when the text is valid JSON with unique keys. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  return scan(text);
}

/** JSON pointer → span of every value in valid JSON text (undefined when the text is not valid). */
export function jsonSpans(text: string): Map<string, JsonSpan> | undefined {
  const spans = new Map<string, JsonSpan>();
  return scan(text, (pointer, span) => spans.set(pointer, span)) ? undefined : spans;
}

function escapeSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function scan(text: string, record?: (pointer: string, span: JsonSpan) => void): JsonSyntaxError | undefined {
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new Stop(at, message);
  };
  const what = (at: number): string => (at >= text.length ? "the end of the file" : text[at] === "\n" || text[at] === "\r" ? "a line break" : `'${text[at]}'`);
  const skipSpace = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };

  const string = () => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("\\u must be followed by four hex digits");
          i += 6;
          continue;
        }
        if (next === undefined || !ESCAPES.has(next)) fail(`invalid escape \\${next ?? ""} in a string`);
        i += 2;
        continue;
      }
      if (c < " ") fail("a line break or control character inside a string (write \\n, or close the quote)");
      i++;
    }
    fail("a string is never closed (missing '\"')", start);
  };

  const value = (pointer: string, key?: number): void => {
    skipSpace();
    const start = i;
    bare(pointer);
    record?.(pointer, key === undefined ? { start, end: i } : { key, start, end: i });
  };

  const bare = (pointer: string): void => {
    const c = text[i];
    if (c === "{") return object(pointer);
    if (c === "[") return array(pointer);
    if (c === '"') return string();
    if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail("not a valid number");
      i += (m as RegExpExecArray)[0].length;
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === "'") fail("strings need double quotes, not single quotes");
    if (c !== undefined && /[A-Za-z_]/.test(c)) fail("a bare word where a value belongs (put text in double quotes)");
    fail(`expected a value, found ${what(i)}`);
  };

  const object = (pointer: string) => {
    i++;
    skipSpace();
    if (text[i] === "}") {
      i++;
      return;
    }
    const keys = new Set<string>();
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(text[i] === "}" ? "a comma before '}' (JSON allows no trailing comma)" : `expected a key in double quotes, found ${what(i)}`);
      const keyStart = i;
      string();
      const key = JSON.parse(text.slice(keyStart, i)) as string;
      if (keys.has(key)) throw new Stop(keyStart, `duplicate key ${JSON.stringify(key)}`, key);
      keys.add(key);
      skipSpace();
      if (text[i] !== ":") fail(`expected ':' after the key, found ${what(i)}`);
      i++;
      value(`${pointer}/${escapeSegment(key)}`, keyStart);
      skipSpace();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return;
      }
      fail(`expected ',' or '}' after a value, found ${what(i)}${text[i] === '"' ? " (a comma is probably missing)" : ""}`);
    }
  };

  const array = (pointer: string) => {
    i++;
    skipSpace();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      skipSpace();
      if (text[i] === "]") fail("a comma before ']' (JSON allows no trailing comma)");
      value(`${pointer}/${index}`);
      skipSpace();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return;
      }
      fail(`expected ',' or ']' after a value, found ${what(i)}`);
    }
  };

  try {
    value("");
    skipSpace();
    if (i < text.length) fail(`unexpected ${what(i)} after the end of the document`);
    return undefined;
  } catch (err) {
    if (err instanceof Stop) return { offset: err.offset, message: err.message, ...(err.duplicateKey !== undefined ? { duplicateKey: err.duplicateKey } : {}) };
    // Thousands of nested brackets exhaust the stack of this recursive scanner.
    if (err instanceof RangeError) return { offset: i, message: "the document nests too deeply to read" };
    throw err;
  }
}
