/**
 * The State tab's view in its URL, so a filtered, folded, expanded view is shareable and survives a
 * reload: `q` (filter), `version` (a prior version), `collapse` (folded modules, repeated), `open`
 * (expanded instances, repeated: the address, `~deposed` for a deposed object). Pure: server and client.
 */
/** Rows per page the outline fetches from the server; the page renders the first one. */
export const OUTLINE_PAGE_ROWS = 200;
/** Lists up to this many rows come whole with the page (the browser's find in page sees them all). */
export const RENDER_ALL_UP_TO = 300;

export interface StateView {
  q: string;
  version?: string;
  collapse: string[];
  open: string[];
}

type Raw = string | string[] | undefined;

/** Distinct values, at most 1,000; "" is kept where it means something (the root module). */
function list(v: Raw, keepEmpty = false): string[] {
  const all = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return [...new Set(all.filter((x) => keepEmpty || x !== ""))].slice(0, 1000);
}

export function readStateView(sp: { q?: Raw; version?: Raw; collapse?: Raw; open?: Raw }): StateView {
  const version = typeof sp.version === "string" && sp.version !== "" ? sp.version : undefined;
  return { q: typeof sp.q === "string" ? sp.q : "", ...(version ? { version } : {}), collapse: list(sp.collapse, true), open: list(sp.open) };
}

export function stateViewHref(tabHref: string, v: StateView): string {
  const p = new URLSearchParams();
  if (v.q) p.set("q", v.q);
  if (v.version) p.set("version", v.version);
  for (const m of v.collapse) p.append("collapse", m);
  for (const o of v.open) p.append("open", o);
  const s = p.toString();
  return s ? `${tabHref}?${s}` : tabHref;
}

/** The `open` key of an instance. */
export function openKey(address: string, deposed?: string): string {
  return deposed ? `${address}~${deposed}` : address;
}
