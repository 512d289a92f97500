/**
 * Page state kept in the URL (filters, sort order) without a navigation: shareable and kept on reload,
 * while typing does not re-run the page on the server.
 */
import type { SortState } from "./virtual-table";

/** Sets (or with "" removes) one search parameter of the current URL in place. */
export function replaceSearchParam(name: string, value: string): void {
  const url = new URL(window.location.href);
  if (value) url.searchParams.set(name, value);
  else url.searchParams.delete(name);
  window.history.replaceState(null, "", url);
}

/** `name` ascending, `-name` descending; undefined for no sort. */
export function formatSort(sort: SortState | undefined): string {
  return sort ? `${sort.dir === "desc" ? "-" : ""}${sort.id}` : "";
}

/** The sort a URL names, if it names one of `ids` (a stale or hand-made URL sorts by nothing). */
export function parseSort(value: string | undefined, ids: readonly string[]): SortState | undefined {
  if (!value) return undefined;
  const desc = value.startsWith("-");
  const id = desc ? value.slice(1) : value;
  return ids.includes(id) ? { id, dir: desc ? "desc" : "asc" } : undefined;
}
