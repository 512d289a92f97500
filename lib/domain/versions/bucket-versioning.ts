import "server-only";
/**
 * A bucket's versioning status, which the Versions tab shows on every load, kept for
 * CACHE_POLICIES.bucketVersioning.ttlMs: it changes by hand, rarely, and a page a few seconds late says so no worse.
 */
import type { BackendContext } from "@/lib/backend/context";
import type { VersioningState } from "@/lib/backend/types";
import { getVersioning } from "@/lib/backend/versions";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";

const versionings = createCache<string, Promise<VersioningState>>(CACHE_POLICIES.bucketVersioning);

/** getVersioning(ctx), at most CACHE_POLICIES.bucketVersioning.ttlMs old. */
export function bucketVersioning(ctx: BackendContext): Promise<VersioningState> {
  const k = ctx.def.options.bucket;
  const hit = versionings.get(k);
  if (hit) return hit;
  const p = getVersioning(ctx);
  versionings.set(k, p);
  // A failure is not kept: the next caller asks S3 again and reports its own error.
  p.catch(() => versionings.delete(k));
  return p;
}
