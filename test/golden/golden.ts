import * as fs from "fs";
import * as path from "path";

/** Regenerate golden files instead of comparing: `UPDATE_GOLDEN=1 npx jest test/golden`. */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === "1";

export function goldenPath(name: string): string {
  return path.join(__dirname, `${name}.cdk.tf.json`);
}

/**
 * Compares `actual` with the golden file `name`; returns a readable diff when
 * they differ (empty string when equal). With UPDATE_GOLDEN=1 it rewrites the
 * golden file and reports no difference.
 */
export function compareWithGolden(name: string, actual: string): string {
  const file = goldenPath(name);
  if (UPDATE_GOLDEN) {
    fs.writeFileSync(file, actual);
    return "";
  }
  if (!fs.existsSync(file)) {
    return `${path.relative(process.cwd(), file)} does not exist; create it with UPDATE_GOLDEN=1 and review it like code`;
  }
  const expected = fs.readFileSync(file, "utf8");
  if (expected === actual) return "";
  return (
    `${path.relative(process.cwd(), file)} differs from the synthesized output ` +
    `(review the change, then regenerate with UPDATE_GOLDEN=1):\n` +
    lineDiff(expected.split("\n"), actual.split("\n"))
  );
}

/**
 * A unified-style line diff (longest common subsequence), showing each changed
 * region with three lines of context; at most `maxLines` lines of output.
 */
export function lineDiff(a: readonly string[], b: readonly string[], maxLines = 120): string {
  // Trim the common head and tail first: golden diffs are usually small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: { kind: " " | "-" | "+"; text: string; line: number }[] = [];
  for (let k = Math.max(0, start - 3); k < start; k++) ops.push({ kind: " ", text: a[k], line: k + 1 });
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      ops.push({ kind: " ", text: x[i], line: start + i + 1 });
      i++;
      j++;
    } else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: "-", text: x[i], line: start + i + 1 });
      i++;
    } else {
      ops.push({ kind: "+", text: y[j], line: start + j + 1 });
      j++;
    }
  }
  for (let k = endA; k < Math.min(a.length, endA + 3); k++) ops.push({ kind: " ", text: a[k], line: k + 1 });
  // Keep context lines only near a change.
  const near = ops.map((op, n) => op.kind !== " " || ops.slice(Math.max(0, n - 3), n + 4).some((o) => o.kind !== " "));
  const out: string[] = [];
  let skipped = false;
  ops.forEach((op, n) => {
    if (!near[n]) {
      if (!skipped) out.push("  ...");
      skipped = true;
      return;
    }
    skipped = false;
    out.push(`${op.kind} ${String(op.line).padStart(5)} | ${op.text}`);
  });
  const changed = ops.filter((o) => o.kind !== " ").length;
  const shown = out.slice(0, maxLines);
  if (out.length > maxLines) shown.push(`  ... (${out.length - maxLines} more lines)`);
  return `${changed} changed line(s):\n${shown.join("\n")}`;
}
