import "server-only";
/**
 * Every state version written across the estate since a time, newest first, with resource counts
 * against the previous version. Cost follows the window: workspaces whose current object is older
 * are not listed further, and only in-window versions (plus each oldest one's predecessor) are read.
 */
import pLimit from "p-limit";
import type { BackendContext } from "@/lib/backend/context";
import { parseStoredState } from "@/lib/backend/encrypted-state";
import { RESTORED_BY_META, RESTORED_FROM_META } from "@/lib/backend/restore";
import type { StateVersion } from "@/lib/backend/types";
import { readListedObject } from "@/lib/backend/read-current";
import { DEFAULT_MAX_STATE_BYTES, readObject } from "@/lib/backend/versions";
import { listVersionsSince } from "@/lib/backend/versions-since";
import { listWorkspaceObjects } from "@/lib/backend/workspaces";
import type { WorkspaceLister } from "./workspaces/listing-cache";
import { InvalidInputError } from "@/lib/errors";
import { diffStates } from "@/lib/state/diff";
import type { ParsedState } from "@/lib/state/types";

export interface EstateChange {
  backend: string;
  workspace: string;
  versionId: string;
  previousVersionId: string | null;
  serial: bigint | null;
  lastModified: string;
  added: number;
  changed: number;
  removed: number;
  deleted: boolean;
  /** The version a restore wrote back (object metadata), when this version is a restore. */
  restoredFrom: string | null;
  /** Who restored it, as the restore recorded it ("alice@example.com via Statehouse"). */
  restoredBy: string | null;
  lineageChanged: boolean;
  /** Set when either side could not be read as state: counts are 0 then. */
  unreadable: boolean;
}

const DURATION = /^(\d+)(s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

/** RFC 3339 (`2026-11-30T09:00:00Z`, offsets allowed) or a duration back from `now` (`90m`, `24h`, `7d`). */
export function parseSince(text: string, now: Date = new Date()): Date {
  const d = DURATION.exec(text.trim());
  if (d) return new Date(now.getTime() - Number(d[1]) * UNIT_MS[d[2]!]!);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(text.trim())) {
    const t = new Date(text.trim());
    if (!Number.isNaN(t.getTime())) return t;
  }
  throw new InvalidInputError(`The time ${JSON.stringify(text)} is neither an RFC 3339 time (2026-11-30T09:00:00Z) nor a duration (90m, 24h, 7d).`);
}

type Read = { state: ParsedState | null; readable: boolean; restoredFrom: string | null; restoredBy: string | null };

async function readVersion(ctx: BackendContext, key: string, v: StateVersion): Promise<Read> {
  if (v.isDeleteMarker) return { state: null, readable: true, restoredFrom: null, restoredBy: null };
  // A listed version is immutable: one GetObject of it (version "null" may be the current object: the full read finds it).
  const obj = v.versionId === "null" ? await readObject(ctx, key, v.versionId) : await readListedObject(ctx, key, undefined, DEFAULT_MAX_STATE_BYTES, v.versionId);
  // Decrypted as every state read is; a version the backend's encryption settings cannot open is unreadable.
  const r = await parseStoredState(ctx, obj.bytes).catch(() => null);
  const restoredFrom = obj.metadata[RESTORED_FROM_META] ?? null;
  const restoredBy = restoredFrom ? (obj.metadata[RESTORED_BY_META] ?? null) : null;
  if (r?.kind === "state") return { state: r.state, readable: true, restoredFrom, restoredBy };
  return { state: null, readable: r?.kind === "empty", restoredFrom, restoredBy };
}

const EMPTY: ParsedState = { version: 4, terraformVersion: null, serial: 0n, lineage: "", outputs: {}, resources: [], checkResults: null, size: 0 };

/** `workspace`: only that workspace of each backend (the others are not read at all). */
/** `list`: how each backend is listed (the pages pass liveWorkspaceObjects, the listing they share). */
export async function changesSince(ctxs: readonly BackendContext[], since: Date, opts: { concurrency?: number; workspace?: string; list?: WorkspaceLister } = {}): Promise<EstateChange[]> {
  const limit = pLimit(Math.max(1, opts.concurrency ?? 16));
  const sinceIso = since.toISOString();
  const perWorkspace = await Promise.all(
    ctxs.map(async (ctx) => {
      const listed = await (opts.list ?? listWorkspaceObjects)(ctx);
      // A workspace whose current object predates the window wrote nothing in it (deleted ones are checked: the marker may be new).
      const candidates = listed.workspaces.filter((w) => (opts.workspace === undefined || w.name === opts.workspace) && (w.deleted || (w.exists && w.lastModified !== null && w.lastModified >= sinceIso)));
      return Promise.all(candidates.map((w) => limit(() => workspaceChanges(ctx, w.name, w.key, since))));
    }),
  );
  const all = perWorkspace.flat(2);
  all.sort((a, b) => (a.lastModified < b.lastModified ? 1 : a.lastModified > b.lastModified ? -1 : a.backend.localeCompare(b.backend) || a.workspace.localeCompare(b.workspace)));
  return all;
}

async function workspaceChanges(ctx: BackendContext, workspace: string, key: string, since: Date): Promise<EstateChange[]> {
  const { inWindow, before } = await listVersionsSince(ctx, key, since);
  const chain = before ? [...inWindow, before] : inWindow;
  // Each version is read once: as the newer side of one row and the older side of the next.
  const reads = await Promise.all(chain.map((v) => readVersion(ctx, key, v)));
  return inWindow.map((v, i) => {
    const cur = reads[i]!;
    const prev = i + 1 < chain.length ? reads[i + 1]! : null;
    const both = cur.readable && (prev === null || prev.readable);
    const d = both ? diffStates(prev?.state ?? EMPTY, cur.state ?? EMPTY) : null;
    return {
      backend: ctx.def.name,
      workspace,
      versionId: v.versionId,
      previousVersionId: chain[i + 1]?.versionId ?? null,
      serial: cur.state?.serial ?? null,
      lastModified: v.lastModified,
      added: d?.counts.added ?? 0,
      changed: d?.counts.changed ?? 0,
      removed: d?.counts.removed ?? 0,
      deleted: v.isDeleteMarker,
      restoredFrom: cur.restoredFrom,
      restoredBy: cur.restoredBy,
      lineageChanged: Boolean(cur.state && prev?.state && cur.state.lineage !== prev.state.lineage),
      unreadable: !both,
    };
  });
}
