import "server-only";
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { RESTORED_BY_META, RESTORED_FROM_META } from "@/lib/backend/restore";
import { diffStates } from "@/lib/state/diff";
import type { ParsedState, StateReadResult } from "@/lib/state/types";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";
import { loadState } from "@/lib/domain/state";
import type { SummaryRequest } from "@/lib/browser-safe/version-list";
import type { EncryptionMarker } from "@/lib/browser-safe/state-encryption";
import { isStatehouseError } from "@/lib/errors";
import { encryptionMarkerOf, encryptionMarkerOfError } from "@/lib/domain/state/encryption";

export interface VersionChanges {
  predecessorId: string;
  added: number;
  removed: number;
  changed: number;
  lineageChanged: boolean;
}

export interface VersionSummary {
  versionId: string;
  kind: StateReadResult["kind"] | "delete-marker";
  serial: bigint | null;
  lineage: string | null;
  terraformVersion: string | null;
  /** Number of resource instances; null when the content is not a readable state. */
  resources: number | null;
  restoredFrom: string | null;
  restoredBy: string | null;
  /** Against the predecessor; null for the oldest version, delete markers and unreadable contents. */
  changes: VersionChanges | null;
  /** OpenTofu state encryption: how this version was decrypted, or why it could not be; null for a plain version. */
  encryption: EncryptionMarker | null;
}

/** Version contents are immutable, so a summary keyed by (object, version, predecessor) never goes stale. */
const summaries = createCache<string, VersionSummary>(CACHE_POLICIES.versionSummaries);

/** States read at once: bounds both S3 concurrency and memory (a parsed 30 MB state is large). */
const READ_CONCURRENCY = 4;

function resourceCount(state: ParsedState): number {
  let n = 0;
  for (const r of state.resources) n += r.instances.length;
  return n;
}

interface Loaded {
  result: StateReadResult;
  metadata: Record<string, string>;
  /** Set when the version is encrypted and this server could not decrypt it (then `result` is its envelope). */
  undecryptable?: EncryptionMarker;
}

/**
 * A version this server cannot decrypt is one row among the others (the envelope's clear serial and lineage), not
 * a failed page: the reason is the marker's error code.
 */
function sealedVersion(e: unknown): Loaded {
  const payload = isStatehouseError(e) ? e.toPayload() : null;
  const marker = payload ? encryptionMarkerOfError(payload) : null;
  if (!payload || !marker) throw e;
  const env = (payload.details?.envelope ?? {}) as { serial?: number | null; lineage?: string; encryptionVersion?: string };
  const serial = typeof env.serial === "number" && Number.isSafeInteger(env.serial) && env.serial >= 0 ? BigInt(env.serial) : null;
  return {
    result: { kind: "encrypted", serial, lineage: env.lineage || null, encryptionVersion: env.encryptionVersion ?? null, metaKeys: marker.keyProviders, size: 0 },
    metadata: {},
    undecryptable: marker,
  };
}

function baseSummary(versionId: string, loaded: Loaded): Omit<VersionSummary, "changes"> {
  const r = loaded.result;
  const meta = loaded.metadata;
  const common = { versionId, kind: r.kind, restoredFrom: meta[RESTORED_FROM_META] ?? null, restoredBy: meta[RESTORED_BY_META] ?? null, encryption: loaded.undecryptable ?? encryptionMarkerOf(r) };
  if (r.kind === "state") {
    return { ...common, serial: r.state.serial, lineage: r.state.lineage, terraformVersion: r.state.terraformVersion, resources: resourceCount(r.state) };
  }
  if (r.kind === "encrypted") return { ...common, serial: r.serial, lineage: r.lineage, terraformVersion: null, resources: null };
  return { ...common, serial: null, lineage: null, terraformVersion: null, resources: null };
}

function changesBetween(predecessorId: string, before: Loaded, after: Loaded): VersionChanges | null {
  if (before.result.kind !== "state" || after.result.kind !== "state") return null;
  const d = diffStates(before.result.state, after.result.state);
  return {
    predecessorId,
    added: d.counts.added,
    removed: d.counts.removed,
    changed: d.counts.changed,
    lineageChanged: d.lineage.changed,
  };
}

const DELETE_MARKER_SUMMARY = { kind: "delete-marker", serial: null, lineage: null, terraformVersion: null, resources: null, restoredFrom: null, restoredBy: null, changes: null, encryption: null } as const;

/**
 * Summaries of one page of the timeline (serial, resource count, changes against the predecessor,
 * "restored from" marks). Reads only what is not cached, READ_CONCURRENCY states at a time, and
 * drops each parsed state as soon as no later request of the page needs it, so memory stays at a
 * handful of states whatever the page holds.
 */
export async function versionSummaries(ctx: BackendContext, workspace: string, requests: readonly SummaryRequest[]): Promise<VersionSummary[]> {
  const objectKey = `${ctx.def.options.bucket}/${stateKey(ctx.def.options, workspace)}`;
  const cacheKey = (r: SummaryRequest) => `${objectKey}#${r.versionId}<${r.predecessorId ?? ""}`;
  const out: (VersionSummary | undefined)[] = requests.map((r) =>
    r.isDeleteMarker ? { versionId: r.versionId, ...DELETE_MARKER_SUMMARY } : summaries.get(cacheKey(r)),
  );
  const todo = requests.filter((_, i) => out[i] === undefined);
  if (todo.length === 0) return out as VersionSummary[];

  // How many pending requests still need each version's content (as itself or as a predecessor).
  const uses = new Map<string, number>();
  const need = (id: string | null) => id !== null && uses.set(id, (uses.get(id) ?? 0) + 1);
  for (const r of todo) {
    need(r.versionId);
    need(r.predecessorId);
  }
  const loaded = new Map<string, Promise<Loaded>>();
  const load = (id: string) => {
    let p = loaded.get(id);
    if (!p) {
      p = loadState(ctx, workspace, id).then((s) => ({ result: s.result, metadata: s.metadata }), sealedVersion);
      loaded.set(id, p);
    }
    return p;
  };
  const release = (id: string | null) => {
    if (id === null) return;
    const left = (uses.get(id) ?? 1) - 1;
    uses.set(id, left);
    if (left === 0) loaded.delete(id);
  };

  const done = new Map<SummaryRequest, VersionSummary>();
  for (let i = 0; i < todo.length; i += READ_CONCURRENCY) {
    const chunk = todo.slice(i, i + READ_CONCURRENCY);
    const results = await Promise.all(
      chunk.map(async (r) => {
        const [self, before] = await Promise.all([load(r.versionId), r.predecessorId === null ? null : load(r.predecessorId)]);
        const summary: VersionSummary = { ...baseSummary(r.versionId, self), changes: before && r.predecessorId ? changesBetween(r.predecessorId, before, self) : null };
        return [r, summary] as const;
      }),
    );
    for (const [r, summary] of results) {
      // "null" is the object written without versioning, which later writes replace: never cached.
      // A refused decryption may succeed later (a KMS grant, a fixed setting): never cached either.
      if (r.versionId !== "null" && r.predecessorId !== "null" && summary.encryption?.decrypted !== false) summaries.set(cacheKey(r), summary);
      done.set(r, summary);
      release(r.versionId);
      release(r.predecessorId);
    }
  }
  return requests.map((r, i) => out[i] ?? done.get(r)!);
}
