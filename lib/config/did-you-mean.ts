/**
 * The closest candidate to a misspelt name, as Terraform's `didyoumean.NameSuggestion`
 * picks it: Levenshtein distance below 3, else none.
 */
export function nameSuggestion(given: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = levenshtein(given, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** `unknown option "buckt"; did you mean "bucket"?` */
export function unknownNameMessage(what: string, given: string, candidates: readonly string[]): string {
  const s = nameSuggestion(given, candidates);
  return `unknown ${what} "${given}"${s ? `; did you mean "${s}"?` : ""}`;
}
