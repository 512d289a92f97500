import "server-only";
/**
 * Per-workspace facts that need the state's content (serial, resource count, tool version),
 * for the rows of the workspaces table that are on screen. Cached by the object's ETag, which the
 * listing already gives, so rows already seen cost no AWS call at all.
 */
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { toErrorPayload, type ErrorPayload } from "@/lib/errors";
import type { StateReadResult } from "@/lib/state/types";
import { mapLimit } from "@/lib/util/map-limit";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";
import { loadState } from "@/lib/domain/state";
import { encryptionMarkerOf } from "@/lib/domain/state/encryption";
import type { EncryptionMarker } from "@/lib/browser-safe/state-encryption";
import { stateCounts } from "@/lib/browser-safe/counts";

export interface WorkspaceDetails {
  kind: StateReadResult["kind"];
  serial: bigint | null;
  /** Resource blocks and their instances (lib/browser-safe/counts.ts); null when the content is not a readable state. */
  resources: number | null;
  instances: number | null;
  terraformVersion: string | null;
  /** OpenTofu state encryption of the current state; null when it is plain. */
  encryption: EncryptionMarker | null;
}

export type DetailsResult = { ok: true; details: WorkspaceDetails } | { ok: false; error: ErrorPayload };

/** A workspace row as the listing gave it: the ETag pins the content the details describe. */
export interface DetailsRequest {
  workspace: string;
  etag: string | null;
}

const READ_CONCURRENCY = 4;
/** One entry per state object, validated by its ETag: a rewritten state replaces its old details. */
const cache = createCache<string, WorkspaceDetails>(CACHE_POLICIES.workspaceDetails);

function cacheKey(ctx: BackendContext, workspace: string): string {
  return `${ctx.def.options.bucket}\0${stateKey(ctx.def.options, workspace)}`;
}

export function detailsOf(result: StateReadResult): WorkspaceDetails {
  switch (result.kind) {
    case "state": {
      return { kind: "state", serial: result.state.serial, ...stateCounts(result.state), terraformVersion: result.state.terraformVersion, encryption: encryptionMarkerOf(result) };
    }
    case "encrypted":
      return { kind: "encrypted", serial: result.serial, resources: null, instances: null, terraformVersion: null, encryption: encryptionMarkerOf(result) };
    default:
      return { kind: result.kind, serial: null, resources: null, instances: null, terraformVersion: null, encryption: null };
  }
}

/** Details already known for these rows, without any AWS call (for the first paint). */
export function cachedDetails(ctx: BackendContext, rows: readonly DetailsRequest[]): Record<string, WorkspaceDetails> {
  const out: Record<string, WorkspaceDetails> = {};
  for (const r of rows) {
    const hit = r.etag ? cache.get(cacheKey(ctx, r.workspace), r.etag) : undefined;
    if (hit) out[r.workspace] = hit;
  }
  return out;
}

/** Details of each requested workspace, reading at most READ_CONCURRENCY states at a time. */
export async function workspaceDetails(ctx: BackendContext, rows: readonly DetailsRequest[]): Promise<Record<string, DetailsResult>> {
  const results = await mapLimit(rows, READ_CONCURRENCY, async (r): Promise<DetailsResult> => {
    const hit = r.etag ? cache.get(cacheKey(ctx, r.workspace), r.etag) : undefined;
    if (hit) return { ok: true, details: hit };
    try {
      const loaded = await loadState(ctx, r.workspace);
      const details = detailsOf(loaded.result);
      cache.set(cacheKey(ctx, r.workspace), details, loaded.etag);
      return { ok: true, details };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e) };
    }
  });
  return Object.fromEntries(rows.map((r, i) => [r.workspace, results[i]!]));
}
