import { isStatehouseError, toErrorPayload, type ErrorPayload } from "./errors";
import { errorFields, log } from "./observability/log";

/** What every server action returns: data, or a user-safe error from the whitelist in errors.ts. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };

/** Runs `fn` and folds any thrown error into an ActionResult; unexpected errors are logged, not shown. */
export async function toResult<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    if (!isStatehouseError(e)) log().error({ type: "error", ...errorFields(e) }, "unexpected error in a server action");
    return { ok: false, error: toErrorPayload(e) };
  }
}
