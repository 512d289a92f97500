import "server-only";
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import type { StateVersion } from "@/lib/backend/types";
import { readStateObject } from "@/lib/backend/versions";
import { InvalidInputError, isStatehouseError, NotFoundError, StateUnreadableError } from "@/lib/errors";
import { diffStates, type AttributeChange, type OutputChange, type StateDiff } from "@/lib/state/diff";
import { lineDiff, maskStateForDisplay, type Hunk } from "@/lib/state/text-diff";
import type { StateReadResult } from "@/lib/state/types";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";
import { loadState } from "./state";

/**
 * The versions to compare: `to` defaults to the newest version with content, `from` to the one
 * before `to`. Delete markers have no content, so they cannot be either side.
 */
export function resolveDiffPair(versions: readonly StateVersion[], from?: string, to?: string): { from: StateVersion; to: StateVersion } {
  const find = (id: string, side: string) => {
    const v = versions.find((x) => x.versionId === id);
    if (!v) throw new NotFoundError(`Version ${id} (${side}) is not a version of this workspace's state.`, { versionId: id });
    if (v.isDeleteMarker) throw new InvalidInputError(`Version ${id} (${side}) is a delete marker: it has no content to compare.`, { versionId: id });
    return v;
  };
  const toV = to ? find(to, "to") : versions.find((v) => !v.isDeleteMarker);
  if (!toV) throw new NotFoundError("This workspace has no state version to compare.");
  if (from) return { from: find(from, "from"), to: toV };
  const i = versions.indexOf(toV);
  const fromV = versions.slice(i + 1).find((v) => !v.isDeleteMarker);
  if (!fromV) throw new NotFoundError(`Version ${toV.versionId} is the oldest version: there is no earlier one to compare it with. Pick two versions on the Versions tab.`, { versionId: toV.versionId });
  return { from: fromV, to: toV };
}

export interface DiffSide {
  versionId: string;
  kind: StateReadResult["kind"];
  serial: bigint | null;
  lineage: string | null;
  terraformVersion: string | null;
  size: number;
  lastModified: string;
}

/** One resource instance in the diff, as the UI lists it; `details` are dropped past the size budget. */
export interface DiffRow {
  kind: "added" | "removed" | "changed";
  key: string;
  address: string;
  type: string;
  mode: "managed" | "data";
  /** Attribute changes (changed) or masked attributes (added/removed); null when over budget. */
  details: { changes: AttributeChange[] } | { attributes: Record<string, unknown> | null } | null;
  statusChange?: { before: string | null; after: string | null };
}

export interface StructuralDiff {
  from: DiffSide;
  to: DiffSide;
  /** Null when either side is not a readable state (see the sides' kind). */
  header: Pick<StateDiff, "serial" | "lineage" | "terraformVersion" | "counts" | "sameContent"> | null;
  rows: DiffRow[];
  outputs: OutputChange[];
  /** Rows whose details were left out to keep the page small; the text diff still shows them. */
  detailsOmitted: number;
}

/** Bytes of attribute detail sent to the browser with one diff; enough for hundreds of changes. */
export const DETAILS_BUDGET = 4 * 1024 * 1024;

function side(versionId: string, s: Awaited<ReturnType<typeof loadState>>): DiffSide {
  const r = s.result;
  const base = { versionId, kind: r.kind, size: s.size, lastModified: s.lastModified };
  if (r.kind === "state") return { ...base, serial: r.state.serial, lineage: r.state.lineage, terraformVersion: r.state.terraformVersion };
  if (r.kind === "encrypted") return { ...base, serial: r.serial, lineage: r.lineage, terraformVersion: null };
  return { ...base, serial: null, lineage: null, terraformVersion: null };
}

/** Diff rows in display order (changed, added, removed), each with details while the budget lasts. */
export function diffRows(d: StateDiff, budget = DETAILS_BUDGET): { rows: DiffRow[]; detailsOmitted: number; detailBytes: number } {
  let left = budget;
  let omitted = 0;
  const within = <T>(details: T): T | null => {
    const size = JSON.stringify(details).length;
    if (size > left) {
      omitted++;
      return null;
    }
    left -= size;
    return details;
  };
  const rows: DiffRow[] = [];
  for (const c of d.changed) {
    const row: DiffRow = { kind: "changed", key: c.key, address: c.address, type: c.type, mode: c.mode, details: within({ changes: c.attributes }) };
    if (c.status) row.statusChange = c.status;
    rows.push(row);
  }
  for (const [kind, list] of [["added", d.added], ["removed", d.removed]] as const) {
    for (const i of list) rows.push({ kind, key: i.key, address: i.address, type: i.type, mode: i.mode, details: within({ attributes: i.attributes }) });
  }
  return { rows, detailsOmitted: omitted, detailBytes: budget - left };
}

/**
 * The cache key of an immutable pair of versions, or null when one side is "null" (the object
 * written without versioning, which later writes replace): such a pair is never cached.
 */
function pairKey(ctx: BackendContext, workspace: string, fromId: string, toId: string): string | null {
  if (fromId === "null" || toId === "null") return null;
  return `${ctx.def.options.bucket}\0${stateKey(ctx.def.options, workspace)}\0${fromId}\0${toId}`;
}

/** Rough bytes of a diff row beside its details (key, address, type strings and the object). */
const ROW_WEIGHT = 256;

/**
 * Structural diffs of immutable version pairs: a warm diff page then costs no diffStates and no
 * JSON sizing of every row. Weighed by the detail bytes diffRows measured, plus rows and outputs.
 */
const structuralDiffs = createCache<string, { diff: StructuralDiff; bytes: number }>({
  ...CACHE_POLICIES.structuralDiffs,
  sizeOf: (e) => e.bytes,
});

/** The structural diff of two versions of a workspace's state (sensitive values masked by lib/state); cached per version pair. */
export async function structuralDiff(ctx: BackendContext, workspace: string, fromId: string, toId: string): Promise<StructuralDiff> {
  const key = pairKey(ctx, workspace, fromId, toId);
  const hit = key === null ? undefined : structuralDiffs.get(key);
  if (hit) return hit.diff;
  const { diff, bytes } = await computeStructuralDiff(ctx, workspace, fromId, toId);
  if (key !== null) structuralDiffs.set(key, { diff, bytes });
  return diff;
}

async function computeStructuralDiff(ctx: BackendContext, workspace: string, fromId: string, toId: string): Promise<{ diff: StructuralDiff; bytes: number }> {
  const [a, b] = await Promise.all([loadState(ctx, workspace, fromId), loadState(ctx, workspace, toId)]);
  const from = side(fromId, a);
  const to = side(toId, b);
  if (a.result.kind !== "state" || b.result.kind !== "state") return { diff: { from, to, header: null, rows: [], outputs: [], detailsOmitted: 0 }, bytes: 2 * ROW_WEIGHT };
  const d = diffStates(a.result.state, b.result.state);
  const { rows, detailsOmitted, detailBytes } = diffRows(d);
  const diff: StructuralDiff = {
    from,
    to,
    header: { serial: d.serial, lineage: d.lineage, terraformVersion: d.terraformVersion, counts: d.counts, sameContent: d.sameContent },
    rows,
    outputs: d.outputs,
    detailsOmitted,
  };
  return { diff, bytes: detailBytes + (rows.length + 2) * ROW_WEIGHT + JSON.stringify(d.outputs).length };
}

/** One row of the side-by-side text view: a line on either side, or a gap between hunks. */
export type SideBySideRow =
  | { kind: "gap"; aStart: number; bStart: number }
  | { kind: "line"; left: { n: number; text: string; changed: boolean } | null; right: { n: number; text: string; changed: boolean } | null };

export interface TextDiff {
  rows: SideBySideRow[];
  /** Rows beyond MAX_TEXT_ROWS were dropped; the CLI's `diff --text` shows everything. */
  truncated: boolean;
  changedLines: number;
}

/** Rows sent to the browser for one text diff (the view is virtualized, the payload is not). */
export const MAX_TEXT_ROWS = 50_000;

/**
 * Unified hunks as side-by-side rows: unchanged lines face each other; within a change, removed
 * lines are paired with added ones in order, the longer run continuing against blanks.
 */
export function sideBySide(hunks: readonly Hunk[], maxRows = MAX_TEXT_ROWS): TextDiff {
  const rows: SideBySideRow[] = [];
  let changedLines = 0;
  for (const h of hunks) {
    rows.push({ kind: "gap", aStart: h.aStart, bStart: h.bStart });
    let a = h.aLines ? h.aStart : h.aStart + 1;
    let b = h.bLines ? h.bStart : h.bStart + 1;
    let dels: string[] = [];
    let inss: string[] = [];
    const flush = () => {
      for (let i = 0; i < Math.max(dels.length, inss.length); i++) {
        const l = dels[i];
        const r = inss[i];
        rows.push({ kind: "line", left: l === undefined ? null : { n: a++, text: l, changed: true }, right: r === undefined ? null : { n: b++, text: r, changed: true } });
      }
      changedLines += dels.length + inss.length;
      dels = [];
      inss = [];
    };
    for (const line of h.lines) {
      if (line.kind === "-") dels.push(line.text);
      else if (line.kind === "+") inss.push(line.text);
      else {
        flush();
        rows.push({ kind: "line", left: { n: a++, text: line.text, changed: false }, right: { n: b++, text: line.text, changed: false } });
      }
    }
    flush();
  }
  const truncated = rows.length > maxRows;
  return { rows: truncated ? rows.slice(0, maxRows) : rows, truncated, changedLines };
}

/** Text diffs of immutable version pairs, bounded by the length of their lines. */
const textDiffs = createCache<string, TextDiff>({
  ...CACHE_POLICIES.textDiffs,
  sizeOf: (d) => d.rows.reduce((n, r) => n + (r.kind === "line" ? (r.left?.text.length ?? 0) + (r.right?.text.length ?? 0) + 32 : 16), 0),
});

async function maskedText(ctx: BackendContext, workspace: string, versionId: string): Promise<string> {
  const obj = await readStateObject(ctx, workspace, versionId);
  try {
    return maskStateForDisplay(obj.bytes);
  } catch (e) {
    if (isStatehouseError(e)) throw e;
    throw new StateUnreadableError(`Version ${versionId} could not be turned into its text view to compare.`, { versionId });
  }
}

/**
 * The line diff of the pretty-printed JSON of two versions, with sensitive values masked before
 * diffing (so no line of the result can carry one). Computed on demand only: it reads both objects.
 */
export async function textDiff(ctx: BackendContext, workspace: string, fromId: string, toId: string): Promise<TextDiff> {
  const key = pairKey(ctx, workspace, fromId, toId);
  const hit = key === null ? undefined : textDiffs.get(key);
  if (hit) return hit;
  const [a, b] = await Promise.all([maskedText(ctx, workspace, fromId), maskedText(ctx, workspace, toId)]);
  const result = sideBySide(lineDiff(a, b));
  if (key !== null) textDiffs.set(key, result);
  return result;
}
