/**
 * Parses only the wanted top-level members of a large JSON object.
 *
 * A plan of 10,000 VMs is tens of megabytes, and most of it is `planned_values`,
 * `prior_state` and `configuration`, which the review never reads. Building
 * objects for them costs more than the rest of the review (parse time and
 * garbage collection), so this scanner steps over those values — a bracket
 * count that jumps over strings with `indexOf` — and hands only the wanted
 * slices to `JSON.parse`. Skipped members are present in the result as
 * `SKIPPED`, so callers can still tell which sections exist.
 *
 * It works on the file's bytes: decoding a whole 70 MB plan to a string costs
 * more than parsing the part the review needs, and in UTF-8 the bytes of
 * quotes, brackets and backslashes never occur inside a multi-byte character,
 * so the structure can be read without decoding. Only the wanted slices are decoded.
 *
 * Throws `SyntaxError` when the text is not a JSON object; callers that need
 * the precise message then run `JSON.parse` on the whole text.
 */
export const SKIPPED: Readonly<Record<string, never>> = Object.freeze({});

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export function parseTopLevel(input: string | Uint8Array, wanted: ReadonlySet<string>): Record<string, unknown> {
  const text = typeof input === "string" ? Buffer.from(input, "utf8") : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const out: Record<string, unknown> = {};
  let i = skipWhitespace(text, 0);
  if (text[i] !== OPEN_BRACE) throw new SyntaxError("not a JSON object");
  i = skipWhitespace(text, i + 1);
  if (text[i] === CLOSE_BRACE) {
    i = skipWhitespace(text, i + 1);
    if (i !== text.length) throw new SyntaxError("text after the object");
    return out;
  }
  for (;;) {
    if (text[i] !== QUOTE) throw new SyntaxError(`expected a key at ${i}`);
    const keyEnd = endOfString(text, i);
    const key = JSON.parse(text.toString("utf8", i, keyEnd)) as string;
    i = skipWhitespace(text, keyEnd);
    if (text[i] !== COLON) throw new SyntaxError(`expected ':' at ${i}`);
    i = skipWhitespace(text, i + 1);
    const valueEnd = endOfValue(text, i);
    // defineProperty, as JSON.parse does: a "__proto__" key stays a plain member.
    Object.defineProperty(out, key, {
      value: wanted.has(key) ? JSON.parse(text.toString("utf8", i, valueEnd)) : SKIPPED,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    i = skipWhitespace(text, valueEnd);
    const c = text[i];
    if (c === COMMA) {
      i = skipWhitespace(text, i + 1);
      continue;
    }
    if (c !== CLOSE_BRACE) throw new SyntaxError(`expected ',' or '}' at ${i}`);
    i = skipWhitespace(text, i + 1);
    if (i !== text.length) throw new SyntaxError("text after the object");
    return out;
  }
}

function skipWhitespace(text: Buffer, i: number): number {
  for (;;) {
    const c = text[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** Index just past the closing quote of the string that starts at `start`. */
function endOfString(text: Buffer, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf(QUOTE, from);
    if (quote < 0) throw new SyntaxError("unterminated string");
    let backslashes = 0;
    for (let j = quote - 1; text[j] === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Index just past the value that starts at `start` (its content is checked only by JSON.parse, if wanted). */
function endOfValue(text: Buffer, start: number): number {
  const first = text[start];
  if (first === QUOTE) return endOfString(text, start);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    let i = start;
    const length = text.length;
    while (i < length) {
      const c = text[i];
      if (c === QUOTE) {
        i = endOfString(text, i);
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new SyntaxError("unterminated object or array");
  }
  // A number, true, false or null: up to the next delimiter.
  let i = start;
  for (;;) {
    const c = text[i];
    if (c === undefined || c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
    i++;
  }
  if (i === start) throw new SyntaxError(`expected a value at ${start}`);
  return i;
}
