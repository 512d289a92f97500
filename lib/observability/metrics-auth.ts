/**
 * Who may read /api/metrics: a caller presenting STATEHOUSE_METRICS_TOKEN as a bearer token. No
 * token configured means no endpoint. Compared in constant time; the token is never logged.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "allowed" | "disabled" | "refused";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export function metricsAccess(authorization: string | null, env: Record<string, string | undefined> = process.env): MetricsAccess {
  const token = env.STATEHOUSE_METRICS_TOKEN;
  if (!token) return "disabled";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!m) return "refused";
  // Hashes of equal length, so neither the length nor the content leaks through timing.
  return timingSafeEqual(digest(m[1]!), digest(token)) ? "allowed" : "refused";
}
