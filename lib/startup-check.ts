/**
 * What a production server checks before it serves anything (instrumentation.ts): things that
 * would otherwise only fail on the first request, with a message an operator can act on.
 */
import { authSecret } from "@/lib/auth/runtime-env";
import { securitySettingsFrom } from "@/lib/auth/settings";
import { loadStatehouseConfig } from "@/lib/config/statehouse-config";
import { isStatehouseError } from "@/lib/errors";

type Env = Record<string, string | undefined>;

function describe(e: unknown): string {
  if (isStatehouseError(e)) return e.hint ? `${e.message}\n${e.hint}` : e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Null when the server may start; else why not. Only production is checked: development falls
 * back to a fixed secret, and a config mistake there is reported by the page that needs it.
 */
export async function checkStartup(env: Env = process.env): Promise<string | null> {
  if (env.NODE_ENV !== "production") return null;
  try {
    authSecret(env);
    // The whole config as the first request would read it: backends, then auth, roles and audit.
    securitySettingsFrom(await loadStatehouseConfig(env.STATEHOUSE_CONFIG));
    return null;
  } catch (e) {
    return describe(e);
  }
}

/** Ends the process (exit code 1) with the reason on stderr when the server must not start. */
export async function exitIfMisconfigured(): Promise<void> {
  const problem = await checkStartup();
  if (problem === null) return;
  process.stderr.write(`Statehouse cannot start: ${problem}\n`);
  process.exit(1);
}
