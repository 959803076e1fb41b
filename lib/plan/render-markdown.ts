import { Block, Inline, ListItem } from "./doc";

/**
 * GitHub-flavoured Markdown. Every piece of text from the plan goes through
 * an escaper (or a code span), so resource names and values cannot inject
 * markup into the pull request comment. Output is built as an array of lines
 * and joined once.
 */
export function renderMarkdown(blocks: readonly Block[]): string {
  const lines: string[] = [];
  writeBlocks(blocks, lines, "");
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n") + "\n";
}

function writeBlocks(blocks: readonly Block[], lines: string[], indent: string): void {
  for (const block of blocks) {
    writeBlock(block, lines, indent);
    lines.push("");
  }
}

function writeBlock(block: Block, lines: string[], indent: string): void {
  switch (block.kind) {
    case "heading":
      lines.push(indent + "#".repeat(block.level) + " " + inlineMd(block.content));
      return;
    case "paragraph":
      lines.push(indent + inlineMd(block.content));
      return;
    case "callout":
      lines.push(indent + "> " + inlineMd(block.content));
      return;
    case "list":
      for (const item of block.items) writeItem(item, lines, indent);
      return;
    case "details":
      lines.push(indent + `<details><summary>${inlineHtml(block.summary)}</summary>`);
      lines.push("");
      writeBlocks(block.blocks, lines, indent);
      lines.push(indent + "</details>");
      return;
    case "table": {
      const row = (cells: readonly (readonly Inline[])[]): string =>
        indent + "| " + cells.map((c) => inlineMd(c).replace(/\|/g, "\\|")).join(" | ") + " |";
      lines.push(row(block.header));
      lines.push(indent + "|" + block.header.map(() => "---|").join(""));
      for (const r of block.rows) lines.push(row(r));
      return;
    }
  }
}

function writeItem(item: ListItem, lines: string[], indent: string): void {
  lines.push(indent + "- " + inlineMd(item.content));
  for (const child of item.children ?? []) {
    // Collapsed children need a blank line after their summary so GitHub renders the Markdown inside.
    writeBlock(child, lines, indent + "  ");
    if (child.kind === "details") lines.push("");
  }
}

export function inlineMd(content: readonly Inline[]): string {
  let out = "";
  for (const part of content) {
    if (typeof part === "string") out += escapeMd(part);
    else if ("code" in part) out += codeSpan(part.code);
    else if ("strong" in part) out += `**${inlineMd(part.strong)}**`;
    else if ("em" in part) out += `_${inlineMd(part.em)}_`;
    else out += inlineMd(part.content);
  }
  return out;
}

function inlineHtml(content: readonly Inline[]): string {
  let out = "";
  for (const part of content) {
    if (typeof part === "string") out += escapeHtml(part);
    else if ("code" in part) out += `<code>${escapeHtml(part.code)}</code>`;
    else if ("strong" in part) out += `<b>${inlineHtml(part.strong)}</b>`;
    else if ("em" in part) out += `<i>${inlineHtml(part.em)}</i>`;
    else out += inlineHtml(part.content);
  }
  return out;
}

const MD_SPECIAL = /[\\`*_[\]<>|~#]/g;

export function escapeMd(text: string): string {
  return oneLine(text).replace(MD_SPECIAL, (c) => "\\" + c);
}

function escapeHtml(text: string): string {
  return oneLine(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A code span that survives backticks inside the text (CommonMark: a longer fence, padded when needed). */
export function codeSpan(text: string): string {
  const body = oneLine(text);
  let longest = 0;
  let run = 0;
  for (const ch of body) {
    run = ch === "`" ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || (body.startsWith(" ") && body.endsWith(" ") && body.trim() !== "") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, " ");
}
