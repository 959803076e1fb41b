/**
 * Optimal string alignment distance: insertions, deletions, substitutions and
 * swaps of two neighbouring characters each cost 1 ("mosd" → "mds" is 1).
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

/** Lowercase without separators, so min_size, min-size and MinSize all match minSize. */
function squash(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, "");
}

/**
 * The candidate the user most likely meant, or undefined when nothing is close:
 * the same word in another spelling (case, '-' or '_'), else the nearest within
 * an edit distance of 1 for words of up to three characters and 2 beyond. Ties
 * go to the candidate made of letters the word contains, then to the one with the
 * same first letter ("mosd" → "mds", not "mon" or "osds").
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const squashed = squash(word);
  const sameWord = candidates.find((c) => squash(c) === squashed);
  if (sameWord !== undefined) return sameWord;
  const limit = squashed.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const other = squash(candidate);
    // Fractions below 1 only ever decide ties between equal edit distances.
    const foreign = [...other].filter((c) => !squashed.includes(c)).length;
    const distance = editDistance(squashed, other) + Math.min(0.9, foreign * 0.1 + (other[0] === squashed[0] ? 0 : 0.05));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return Math.floor(bestDistance) <= limit ? best : undefined;
}
