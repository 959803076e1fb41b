import { Document, LineCounter, Node, isAlias, isMap, isScalar, isSeq } from "yaml";
import { JsonSpan, jsonSpans } from "./json-syntax";

/** A 1-based place in the spec file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Splits a JSON pointer into its unescaped segments (RFC 6901); "" and "/" both mean the document. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

interface Step {
  /** The node holding the value (undefined when the pointer goes past what the file holds). */
  readonly value?: Node;
  /** The key node when the step entered a mapping entry. */
  readonly key?: Node;
}

/**
 * Maps JSON pointers to places in the spec file. A pointer to something the
 * file does not contain (a missing key, a default) resolves, for `keyPosition`,
 * to the deepest part of the path that exists, so a finding about an absent
 * setting still points at the section it belongs in.
 */
export interface SourceMap {
  /** A place for a problem with the value at `pointer`: the value itself, if the file has it. */
  valuePosition(pointer: string): SourcePosition | undefined;
  /** A place for a finding or a key problem: the key of the entry, a list item, else the deepest existing parent. */
  keyPosition(pointer: string): SourcePosition | undefined;
  /** A scalar as written in the file (`9.0` where the parsed value is 9). */
  scalarSource(pointer: string): string | undefined;
}

/** Positions in a parsed YAML document. */
export class YamlSourceMap implements SourceMap {
  constructor(
    private readonly doc: Document | undefined,
    private readonly lines: LineCounter,
  ) {}

  valuePosition(pointer: string): SourcePosition | undefined {
    const path = this.walk(pointer);
    const last = path[path.length - 1];
    if (!last) return undefined;
    return this.at(last.value) ?? this.at(last.key);
  }

  keyPosition(pointer: string): SourcePosition | undefined {
    const path = this.walk(pointer);
    for (let i = path.length - 1; i >= 0; i--) {
      const found = this.at(path[i].key) ?? this.at(path[i].value);
      if (found) return found;
    }
    return undefined;
  }

  scalarSource(pointer: string): string | undefined {
    const segments = pointerSegments(pointer);
    const path = this.walk(pointer);
    const node = path.length === segments.length + 1 ? path[path.length - 1].value : undefined;
    return isScalar(node) ? node.source : undefined;
  }

  /** The steps of a pointer that exist in the document, starting with the document itself. */
  private walk(pointer: string): Step[] {
    const root = this.resolve(this.doc?.contents ?? undefined);
    if (!root) return [];
    const steps: Step[] = [{ value: root }];
    let node: Node | undefined = root;
    for (const segment of pointerSegments(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) break;
        node = this.resolve(pair.value as Node | null);
        steps.push({ key: pair.key as Node, value: node });
      } else if (isSeq(node) && /^(0|[1-9][0-9]*)$/.test(segment)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (item === undefined) break;
        node = this.resolve(item);
        steps.push({ value: node });
      } else {
        break;
      }
      if (!node) break;
    }
    return steps;
  }

  private resolve(node: Node | null | undefined): Node | undefined {
    if (!node) return undefined;
    if (isAlias(node) && this.doc) {
      const target = node.resolve(this.doc);
      return target ?? node;
    }
    return node;
  }

  private at(node: Node | undefined): SourcePosition | undefined {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

/** Positions in JSON text, from the spans the JSON scanner records (no YAML parse needed). */
export class JsonSourceMap implements SourceMap {
  private readonly spans: ReadonlyMap<string, JsonSpan>;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    this.spans = jsonSpans(text) ?? new Map();
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  valuePosition(pointer: string): SourcePosition | undefined {
    const span = this.spans.get(normalize(pointer));
    return span ? this.at(span.start) : undefined;
  }

  keyPosition(pointer: string): SourcePosition | undefined {
    let current = normalize(pointer);
    for (;;) {
      const span = this.spans.get(current);
      if (span) return this.at(span.key ?? span.start);
      if (current === "") return undefined;
      current = current.slice(0, current.lastIndexOf("/"));
    }
  }

  scalarSource(pointer: string): string | undefined {
    const span = this.spans.get(normalize(pointer));
    if (!span) return undefined;
    const text = this.text.slice(span.start, span.end);
    return text.startsWith("{") || text.startsWith("[") ? undefined : text;
  }

  private at(offset: number): SourcePosition {
    // The last line start at or before the offset (binary search).
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }
}

/** "/" names the document, which the JSON scanner records as "". */
function normalize(pointer: string): string {
  return pointer === "/" ? "" : pointer;
}
