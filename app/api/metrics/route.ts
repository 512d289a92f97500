/**
 * Prometheus metrics of this replica (lib/observability/metrics.ts), for a scraper presenting
 * STATEHOUSE_METRICS_TOKEN as a bearer token; 404 when no token is configured. No session involved.
 */
import { metrics } from "@/lib/observability/metrics";
import { metricsAccess } from "@/lib/observability/metrics-auth";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const access = metricsAccess(req.headers.get("authorization"));
  if (access === "disabled") return new Response("Not found\n", { status: 404 });
  if (access === "refused") return new Response("Unauthorized\n", { status: 401, headers: { "www-authenticate": 'Bearer realm="statehouse-metrics"' } });
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
