import "server-only";
/**
 * The one flow every audited server action follows (restore, break lock, repair digest, reveal):
 * parse input → authorize → run the lib function → record exactly one audit event (ok, refused
 * or failed, with the error code) → ActionResult. Refusals by authorization are audited too.
 * A failure to record never changes the outcome: a refusal or failure keeps its own error, and a
 * completed action stays completed, with `auditWarning` saying its event was not stored.
 */
import type { z } from "zod";
import { authorize, getRole } from "@/auth";
import { errorFields, log } from "@/lib/observability/log";
import { auditWho, type AuditEvent, type AuditEventInput } from "@/lib/audit/event";
import { failedOutcome } from "@/lib/audit/outcome";
import { recordAudit } from "@/lib/domain/audit";
import type { BackendContext } from "@/lib/domain/backends";
import { RefusalAggregator } from "@/lib/audit/refusals";
import { getSecuritySettings } from "@/lib/domain/settings";
import { ANONYMOUS_USER, type Action, type SessionUser } from "@/lib/auth/types";
import { toErrorPayload, type ErrorPayload } from "@/lib/errors";
import { toResult, type ActionResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import type { BrokenLockHolder } from "@/lib/domain/locks";
import { parseInput } from "@/lib/validate";

type Target = AuditEvent["target"];

export interface AuditedSpec<I extends { backend: string; workspace?: string }, T> {
  permission: Action;
  audit: AuditEvent["action"];
  /** What the event names as the target; `out` is present when the action succeeded. */
  target: (input: I, out?: T) => Target;
  run: (ctx: BackendContext, input: I, user: SessionUser) => Promise<T>;
}

/**
 * What an audited action returns: its result, plus `auditWarning` when the action was done but its
 * audit event could not be stored (S3 write failed, or recording failed outright). The action is not
 * undone and not reported as failed: it happened, and the user is told that its record is missing.
 */
export type Audited<T> = T & { auditWarning?: ErrorPayload };

// Anyone may be refused any number of times: per process, repeats within the window are one counted event.
const REFUSALS_TRACKED = 10_000;
const REFUSAL_WINDOW_SECONDS = 60;
let refusals: { windowSeconds: number; aggregator: RefusalAggregator } | null = null;
async function refusalAggregator(): Promise<RefusalAggregator> {
  const windowSeconds = (await getSecuritySettings()).audit.refusalWindowSeconds ?? REFUSAL_WINDOW_SECONDS;
  if (refusals?.windowSeconds !== windowSeconds) {
    const record = (event: AuditEventInput) => recordAudit(event).catch(logUnrecorded);
    refusals = { windowSeconds, aggregator: new RefusalAggregator(record, { windowMs: windowSeconds * 1000, maxTracked: REFUSALS_TRACKED }) };
  }
  return refusals.aggregator;
}

function logUnrecorded(err: unknown): void {
  log().error({ type: "error", ...errorFields(err) }, "an audit event could not be recorded");
}

function auditWarning(error: ErrorPayload): ErrorPayload {
  return {
    code: error.code,
    message: `Done, but its audit event was not stored: ${error.message}`,
    hint: "Tell whoever runs Statehouse: the server log has the details.",
  };
}

export function auditedAction<S extends z.ZodType<{ backend: string; workspace?: string }>, T extends object>(
  schema: S,
  raw: unknown,
  spec: AuditedSpec<z.infer<S>, T>,
): Promise<ActionResult<Audited<T>>> {
  return toResult(async () => {
    // Input that does not parse names no valid backend or workspace to audit against: it is refused before any attempt.
    const input = parseInput(schema, raw);
    const eventOf = (user: SessionUser, role: AuditEvent["role"], target: Target, err?: unknown): AuditEventInput => ({
      who: auditWho(user),
      role,
      backend: input.backend,
      // Absent for a target outside every workspace (an orphan lock).
      ...(input.workspace !== undefined ? { workspace: input.workspace } : {}),
      action: spec.audit,
      target,
      ...(err === undefined ? { result: "ok" as const } : failedOutcome(err)),
    });
    /** Records the attempt's one event; resolves to the storage error, if any, and never rejects. */
    const record = async (user: SessionUser, role: AuditEvent["role"], target: () => Target, err?: unknown): Promise<ErrorPayload | undefined> => {
      try {
        const recorded = await recordAudit(eventOf(user, role, target(), err));
        return recorded.error;
      } catch (recordErr) {
        logUnrecorded(recordErr);
        return toErrorPayload(recordErr);
      }
    };

    let granted: { user: SessionUser; role: NonNullable<AuditEvent["role"]> };
    try {
      granted = await authorize(input.backend, spec.permission);
    } catch (err) {
      const { user, role } = await getRole(input.backend);
      try {
        await (await refusalAggregator()).refused(eventOf(user ?? ANONYMOUS_USER, role, spec.target(input), err));
      } catch (recordErr) {
        logUnrecorded(recordErr);
      }
      throw err;
    }
    let out: T;
    try {
      out = await spec.run(await getBackendContext(input.backend), input, granted.user);
    } catch (err) {
      await record(granted.user, granted.role, () => spec.target(input), err);
      throw err;
    }
    // Outside the try above: the event of a completed action is recorded once, and a problem recording it
    // is a warning on the result, never an error (which would read as "not done" and invite a retry).
    const unstored = await record(granted.user, granted.role, () => spec.target(input, out));
    return unstored ? { ...out, auditWarning: auditWarning(unstored) } : out;
  });
}

/** The target fields of a broken lock's event: whose lock it was (holder, operation, created), once it was broken. */
export function brokenLockTarget(out?: { holder: BrokenLockHolder | null }): Target {
  const h = out?.holder;
  return h ? { lockWho: h.who, lockOperation: h.operation, lockCreated: h.created } : {};
}
