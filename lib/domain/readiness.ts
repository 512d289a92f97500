import "server-only";
/**
 * Readiness: the Statehouse config loads, and every configured backend's bucket answers a
 * HeadBucket. Cached for READY_TTL_MS (one check at a time), so probes from many load balancers
 * cost one cheap request per bucket per interval. Says nothing about who may see what: the route decides.
 */
import { headBucket } from "@/lib/backend/bucket-health";
import { openBackend } from "@/lib/backend/context";
import { getCatalog } from "./backends";
import { toErrorPayload } from "@/lib/errors";

export const READY_TTL_MS = 10_000;
/** A bucket that does not answer in this time counts as down (the probe must answer before its own timeout). */
const HEAD_TIMEOUT_MS = 3_000;

export interface BackendReadiness {
  name: string;
  ok: boolean;
  /** The error code and message when the bucket did not answer (e.g. ACCESS_DENIED). */
  error?: { code: string; message: string };
}

export interface Readiness {
  ok: boolean;
  checkedAt: string;
  config: { ok: boolean; error?: { code: string; message: string } };
  backends: BackendReadiness[];
}

function brief(err: unknown): { code: string; message: string } {
  const p = toErrorPayload(err);
  return { code: p.code, message: p.message };
}

async function check(): Promise<Readiness> {
  const checkedAt = new Date().toISOString();
  let backends;
  try {
    backends = (await getCatalog()).backends;
  } catch (err) {
    return { ok: false, checkedAt, config: { ok: false, error: brief(err) }, backends: [] };
  }
  const results = await Promise.all(
    backends.map(async (def): Promise<BackendReadiness> => {
      try {
        const ctx = openBackend(def);
        await headBucket(ctx, HEAD_TIMEOUT_MS);
        return { name: def.name, ok: true };
      } catch (err) {
        return { name: def.name, ok: false, error: brief(err) };
      }
    }),
  );
  return { ok: results.every((r) => r.ok), checkedAt, config: { ok: true }, backends: results };
}

let last: { at: number; value: Readiness } | null = null;
let running: Promise<Readiness> | null = null;

export function checkReadiness(now = Date.now()): Promise<Readiness> {
  if (last && now - last.at < READY_TTL_MS) return Promise.resolve(last.value);
  running ??= check()
    .then((value) => {
      last = { at: Date.now(), value };
      return value;
    })
    .finally(() => {
      running = null;
    });
  return running;
}

/** What an anonymous caller may see: whether it is ready, and counts, never backend names or errors. */
export function publicReadiness(r: Readiness): { ok: boolean; checkedAt: string; config: { ok: boolean }; backends: { total: number; ok: number } } {
  return { ok: r.ok, checkedAt: r.checkedAt, config: { ok: r.config.ok }, backends: { total: r.backends.length, ok: r.backends.filter((b) => b.ok).length } };
}
