/**
 * The workspaces table's rows as they travel to the browser past the first screen: one JSON text of
 * columns (names, sizes, times, ETags, flags; lock holders only for the locked rows), which React
 * carries as a plain string and the browser parses once, after the first screen is interactive,
 * instead of one object per row hydrated with the page (2,000 rows were 555 KB of page payload).
 * Pure: the page (server) encodes, the table (client) decodes.
 */
import type { LockKind } from "./lock-kinds";

/** What the table shows of a workspace (the listing's summary without its S3 key). */
export interface WorkspaceRow {
  name: string;
  /** Absent when the object does not exist (default with no state yet) or is a delete marker. */
  size: number | null;
  lastModified: string | null;
  etag: string | null;
  /** Current version is a delete marker: a deleted workspace that versioning can bring back. */
  deleted: boolean;
  exists: boolean;
  locked: boolean;
  lockHolders: { kind: LockKind; id: string; who: string; created: string; operation: string }[];
}

interface Columns {
  names: string[];
  sizes: (number | null)[];
  /** Epoch milliseconds. */
  times: (number | null)[];
  etags: (string | null)[];
  /** Bit 0 exists, bit 1 deleted, bit 2 locked. */
  flags: number[];
  /** Lock holders by row index, only for rows that have any. */
  holders: Record<number, WorkspaceRow["lockHolders"]>;
}

export function encodeWorkspaceRows(rows: readonly WorkspaceRow[]): string {
  const c: Columns = { names: [], sizes: [], times: [], etags: [], flags: [], holders: {} };
  rows.forEach((r, i) => {
    c.names.push(r.name);
    c.sizes.push(r.size);
    c.times.push(r.lastModified === null ? null : Date.parse(r.lastModified));
    c.etags.push(r.etag);
    c.flags.push((r.exists ? 1 : 0) | (r.deleted ? 2 : 0) | (r.locked ? 4 : 0));
    if (r.lockHolders.length > 0) c.holders[i] = r.lockHolders;
  });
  return JSON.stringify(c);
}

export function decodeWorkspaceRows(text: string): WorkspaceRow[] {
  const c = JSON.parse(text) as Columns;
  return c.names.map((name, i) => {
    const time = c.times[i] ?? null;
    const flags = c.flags[i] ?? 0;
    return {
      name,
      size: c.sizes[i] ?? null,
      lastModified: time === null ? null : new Date(time).toISOString(),
      etag: c.etags[i] ?? null,
      exists: (flags & 1) !== 0,
      deleted: (flags & 2) !== 0,
      locked: (flags & 4) !== 0,
      lockHolders: c.holders[i] ?? [],
    };
  });
}
