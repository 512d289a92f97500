/**
 * The closest candidate to a misspelt name, as Terraform's `didyoumean.NameSuggestion`
 * picks it: Levenshtein distance below 3, else none. The distance is fastest-levenshtein's
 * (see "Libraries and why" in docs/ARCHITECTURE.md).
 */
import { distance as levenshtein } from "fastest-levenshtein";

/** `distance` is replaceable only so that the benchmark can time the former hand-written one under the same rule. */
export function nameSuggestion(given: string, candidates: readonly string[], distance: (a: string, b: string) => number = levenshtein): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = distance(given, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `unknown option "buckt"; did you mean "bucket"?` */
export function unknownNameMessage(what: string, given: string, candidates: readonly string[]): string {
  const s = nameSuggestion(given, candidates);
  return `unknown ${what} "${given}"${s ? `; did you mean "${s}"?` : ""}`;
}
export { levenshtein };
