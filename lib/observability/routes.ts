/**
 * The route pattern of a request path, for metric labels and request logs: a small fixed set, so
 * that workspace and backend names never become label values (unbounded, and not for metrics readers).
 */
const WORKSPACE_TABS = new Set(["state", "outputs", "versions", "diff", "lock", "versions/restore"]);
const FIXED = new Set(["/", "/audit", "/signin", "/api/health", "/api/ready", "/api/metrics", "/favicon.ico", "/robots.txt"]);

export function routeOf(url: string | undefined): string {
  const path = (url ?? "/").split(/[?#]/, 1)[0]!;
  if (FIXED.has(path)) return path;
  if (path.startsWith("/_next/static/")) return "/_next/static";
  if (path.startsWith("/_next/")) return "/_next";
  if (path.startsWith("/api/auth/")) return "/api/auth";
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "b" && parts.length >= 2) {
    if (parts.length === 2) return "/b/[backend]";
    if (parts[2] === "w" && parts.length >= 4) {
      if (parts.length === 4) return "/b/[backend]/w/[workspace]";
      const tab = parts.slice(4).join("/");
      if (WORKSPACE_TABS.has(tab)) return `/b/[backend]/w/[workspace]/${tab}`;
    }
  }
  return "other";
}
