/**
 * Runs once when the Next.js server starts. A production server without NEXTAUTH_SECRET, or with a
 * Statehouse config that does not validate, would start and then fail on its first request: it
 * refuses to start instead, with the reason on stderr (lib/startup-check.ts). It also starts the request
 * ids, request logs and metrics (lib/observability/http-hooks.ts).
 */
export async function register(): Promise<void> {
  // Node server only (the edge runtime has no file system or exit; this form lets the bundler drop the
  // branch from the edge build). `next build` may load this file too: the server's environment is what counts.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { exitIfMisconfigured } = await import("@/lib/startup-check");
    await exitIfMisconfigured();
    const { installHttpHooks } = await import("@/lib/observability/http-hooks");
    installHttpHooks();
  }
}
