import { Document, LineCounter, Node, isAlias, isMap, isScalar, isSeq } from "yaml";

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
 * Maps JSON pointers to places in a parsed YAML/JSON document. A pointer to
 * something the file does not contain (a missing key, a default) resolves to
 * the deepest part of the path that exists, so a finding about an absent
 * setting still points at the section it belongs in.
 */
export class SourceMap {
  constructor(
    private readonly doc: Document | undefined,
    private readonly lines: LineCounter,
  ) {}

  /** A place for a problem with the value at `pointer`: the value itself when it exists. */
  valuePosition(pointer: string): SourcePosition | undefined {
    const path = this.walk(pointer);
    const last = path[path.length - 1];
    if (!last) return undefined;
    return this.at(last.value) ?? this.at(last.key);
  }

  /**
   * A place for a finding or a key problem at `pointer`: the key of a mapping
   * entry (where the reader looks for a setting), an item of a list, else the
   * deepest existing parent.
   */
  keyPosition(pointer: string): SourcePosition | undefined {
    const path = this.walk(pointer);
    for (let i = path.length - 1; i >= 0; i--) {
      const found = this.at(path[i].key) ?? this.at(path[i].value);
      if (found) return found;
    }
    return undefined;
  }

  /** The source node of a pointer's value, or undefined if the file does not contain it. */
  nodeAt(pointer: string): Node | undefined {
    const segments = pointerSegments(pointer);
    const path = this.walk(pointer);
    return path.length === segments.length + 1 ? path[path.length - 1].value : undefined;
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
