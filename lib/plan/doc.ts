/**
 * A tiny document model: the review is built once as blocks, then written as
 * Markdown (pull requests) or terminal text, so both formats always say the
 * same things in the same order.
 */
export type Tone = "destructive" | "disruptive" | "create" | "update" | "muted" | "ok";

export type Inline =
  | string
  | { readonly code: string }
  | { readonly strong: readonly Inline[] }
  | { readonly em: readonly Inline[] }
  | { readonly tone: Tone; readonly content: readonly Inline[] };

export interface ListItem {
  readonly content: readonly Inline[];
  readonly children?: readonly Block[];
}

export type Block =
  | { readonly kind: "heading"; readonly level: 2 | 3 | 4; readonly content: readonly Inline[] }
  | { readonly kind: "paragraph"; readonly content: readonly Inline[] }
  | { readonly kind: "callout"; readonly content: readonly Inline[] }
  | { readonly kind: "list"; readonly items: readonly ListItem[] }
  /** Collapsed in Markdown; always open in the terminal. */
  | { readonly kind: "details"; readonly summary: readonly Inline[]; readonly blocks: readonly Block[] }
  | { readonly kind: "table"; readonly header: readonly (readonly Inline[])[]; readonly rows: readonly (readonly (readonly Inline[])[])[] };

/** Prose with `backticks` marking code, as the consequence texts are written. */
export function prose(text: string): Inline[] {
  const parts = text.split("`");
  const out: Inline[] = [];
  parts.forEach((part, i) => {
    if (part === "") return;
    out.push(i % 2 === 1 ? { code: part } : part);
  });
  return out;
}

export function code(text: string): Inline {
  return { code: text };
}

export function strong(...content: Inline[]): Inline {
  return { strong: content };
}

export function em(...content: Inline[]): Inline {
  return { em: content };
}

export function toned(tone: Tone, ...content: Inline[]): Inline {
  return { tone, content };
}
