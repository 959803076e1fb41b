import { Block, Inline, ListItem, Tone } from "./doc";

/** ANSI styles per tone; unused when colour is off (NO_COLOR, or not a terminal). */
const TONE_CODES: Record<Tone, string> = {
  destructive: "1;31",
  disruptive: "33",
  create: "32",
  update: "33",
  muted: "2",
  ok: "32",
};

/** Terminal text: the same blocks as the Markdown, with colour when `color` is true and nothing collapsed. */
export function renderText(blocks: readonly Block[], color: boolean): string {
  // Nested styles: an inner reset would end the outer style too, so the outer one is re-applied after it.
  const style = (codes: string, text: string): string =>
    color && text !== "" ? `\u001b[${codes}m${text.split(RESET).join(RESET + `\u001b[${codes}m`)}${RESET}` : text;
  const lines: string[] = [];

  const inline = (content: readonly Inline[]): string => {
    let out = "";
    for (const part of content) {
      if (typeof part === "string") out += oneLine(part);
      else if ("code" in part) out += style("36", oneLine(part.code));
      else if ("strong" in part) out += style("1", inline(part.strong));
      else if ("em" in part) out += style("2", inline(part.em));
      else out += style(TONE_CODES[part.tone], inline(part.content));
    }
    return out;
  };

  const writeItem = (item: ListItem, indent: string): void => {
    lines.push(`${indent}- ${inline(item.content)}`);
    for (const child of item.children ?? []) writeBlock(child, indent + "    ", true);
  };

  const writeBlock = (block: Block, indent: string, nested: boolean): void => {
    switch (block.kind) {
      case "heading": {
        const text = inline(block.content);
        lines.push(indent + style(block.level === 2 ? "1;4" : "1", text));
        break;
      }
      case "paragraph":
      case "callout":
        lines.push(indent + inline(block.content));
        break;
      case "list":
        for (const item of block.items) writeItem(item, indent);
        break;
      case "details":
        lines.push(indent + inline(block.summary));
        for (const child of block.blocks) writeBlock(child, nested ? indent : indent + "  ", true);
        break;
      case "table":
        writeTable(block.header.map(inline), block.rows.map((r) => r.map(inline)), indent);
        break;
    }
    if (!nested) lines.push("");
  };

  const writeTable = (header: string[], rows: string[][], indent: string): void => {
    const widths = header.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ""))));
    const line = (cells: string[]): string =>
      indent + cells.map((c, i) => c + " ".repeat(widths[i] - visibleLength(c))).join("  ").trimEnd();
    lines.push(line(header.map((h) => style("1", h))));
    for (const r of rows) lines.push(line(r));
  };

  for (const block of blocks) writeBlock(block, "", false);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n") + "\n";
}

const RESET = "\u001b[0m";
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return text.replace(ANSI, "").length;
}

/** One line, without control characters: text from a plan must not move the cursor or recolour the terminal. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r?\n/g, " ").replace(/[\u0000-\u001f\u007f]/g, "?");
}
