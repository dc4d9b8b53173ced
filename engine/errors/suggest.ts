/**
 * "Did you mean" candidates: options within a small edit distance of the input, best first.
 * graphql-js keeps its own `suggestionList` internal, so this is the same idea in a few lines.
 */
export function suggest(input: string, options: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const threshold = Math.floor(needle.length * 0.4) + 1;
  const scored: Array<[string, number]> = [];
  for (const option of options) {
    const distance = option.toLowerCase() === needle ? 0 : editDistance(needle, option.toLowerCase());
    if (distance <= threshold) scored.push([option, distance]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, max).map(([option]) => option);
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const row = [i];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2] + 1);
      }
      row.push(value);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[cols - 1];
}
