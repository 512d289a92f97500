/**
 * Readiness probe: 200 when the config loaded and every backend's bucket answers, else 503.
 * Anonymous callers (probes) get counts only; a signed-in admin gets the backends and errors.
 */
import { authorize } from "@/auth";
import { checkReadiness, publicReadiness } from "@/lib/domain/readiness";

export const dynamic = "force-dynamic";

async function isAdmin(): Promise<boolean> {
  // An admin across all backends, the same role the whole audit trail needs.
  return authorize(null, "viewAudit").then(
    () => true,
    () => false,
  );
}

export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  const body = (await isAdmin()) ? readiness : publicReadiness(readiness);
  return Response.json(body, { status: readiness.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
