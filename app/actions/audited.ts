import "server-only";
/**
 * The one flow every audited server action follows (restore, break lock, repair digest, reveal):
 * parse input → authorize → run the lib function → record exactly one audit event (ok, refused
 * or failed, with the error code) → ActionResult. Refusals by authorization are audited too.
 */
import type { z } from "zod";
import { authorize, getRole } from "@/auth";
import { auditWho, type AuditEvent } from "@/lib/audit/event";
import { failedOutcome } from "@/lib/audit/outcome";
import { recordAudit } from "@/lib/audit/record";
import { ANONYMOUS_USER, type Action, type SessionUser } from "@/lib/auth/types";
import type { BackendContext } from "@/lib/backend/context";
import { toResult, type ActionResult } from "@/lib/result";
import { getBackendContext } from "@/lib/service/catalog";
import { parseInput } from "@/lib/validate";

type Target = AuditEvent["target"];

export interface AuditedSpec<I extends { backend: string; workspace: string }, T> {
  permission: Action;
  audit: AuditEvent["action"];
  /** What the event names as the target; `out` is present when the action succeeded. */
  target: (input: I, out?: T) => Target;
  run: (ctx: BackendContext, input: I, user: SessionUser) => Promise<T>;
}

export function auditedAction<S extends z.ZodType<{ backend: string; workspace: string }>, T>(
  schema: S,
  raw: unknown,
  spec: AuditedSpec<z.infer<S>, T>,
): Promise<ActionResult<T>> {
  return toResult(async () => {
    // Input that does not parse names no valid backend or workspace to audit against: it is refused before any attempt.
    const input = parseInput(schema, raw);
    const record = (user: SessionUser, role: AuditEvent["role"], target: Target, err?: unknown) =>
      recordAudit({
        who: auditWho(user),
        role,
        backend: input.backend,
        workspace: input.workspace,
        action: spec.audit,
        target,
        ...(err === undefined ? { result: "ok" as const } : failedOutcome(err)),
      });

    let granted: { user: SessionUser; role: NonNullable<AuditEvent["role"]> };
    try {
      granted = await authorize(input.backend, spec.permission);
    } catch (err) {
      const { user, role } = await getRole(input.backend);
      await record(user ?? ANONYMOUS_USER, role, spec.target(input), err);
      throw err;
    }
    try {
      const out = await spec.run(await getBackendContext(input.backend), input, granted.user);
      await record(granted.user, granted.role, spec.target(input, out));
      return out;
    } catch (err) {
      await record(granted.user, granted.role, spec.target(input), err);
      throw err;
    }
  });
}
