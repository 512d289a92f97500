import { z } from "zod";
import { InvalidInputError } from "@/lib/errors";
import { ROLES } from "@/lib/auth/types";
import { LOCK_KIND_VALUES } from "@/lib/browser-safe/lock-kinds";

export const AUDIT_ACTIONS = ["restore", "unlock", "repair-digest", "reveal", "sign-out-everywhere", "sign-in-lockout"] as const;
/** The `role` of events written by the CLI. */
export const CLI_ROLE = "cli";

export const auditEventSchema = z.strictObject({
  id: z.uuid(),
  at: z.iso.datetime(),
  who: z.strictObject({ id: z.string().min(1), name: z.string(), email: z.string().optional() }),
  /**
   * The role the user had for this action; null when they had none (a refusal). CLI_ROLE for the
   * `statehouse` command, which has no roles: the AWS credentials it runs with are its only gate.
   */
  role: z.enum([...ROLES, CLI_ROLE]).nullable(),
  backend: z.string().min(1),
  workspace: z.string().optional(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.strictObject({
    versionId: z.string().optional(),
    sourceVersionId: z.string().optional(),
    lockId: z.string().optional(),
    lockKind: z.enum(LOCK_KIND_VALUES).optional(),
    /** A broken lock: whose it was, as its lock info said (Who, Operation, Created). */
    lockWho: z.string().optional(),
    lockOperation: z.string().optional(),
    lockCreated: z.string().optional(),
    /** A broken orphan lock (no workspace): the state object key it was for. */
    stateKey: z.string().optional(),
    output: z.string().optional(),
    resource: z.string().optional(),
  }),
  result: z.enum(["ok", "refused", "failed"]),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
  /**
   * Set on an aggregated refusal: this one event stands for `count` refusals of the same who, action and
   * target, the first at `since`, that came after a refusal recorded on its own (lib/audit/refusals.ts).
   */
  count: z.int().min(1).optional(),
  since: z.iso.datetime().optional(),
});

export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditAction = AuditEvent["action"];
/** What callers provide: `id` and `at` are filled in when absent. */
export type AuditEventInput = Omit<AuditEvent, "id" | "at"> & Partial<Pick<AuditEvent, "id" | "at">>;

/** Completes and validates an event; a malformed one is a programming error reported as InvalidInputError. */
export function newAuditEvent(input: AuditEventInput): AuditEvent {
  const parsed = auditEventSchema.safeParse({ ...input, id: input.id ?? crypto.randomUUID(), at: input.at ?? new Date().toISOString() });
  if (!parsed.success) {
    throw new InvalidInputError("Malformed audit event.", { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
  }
  return parsed.data;
}

/** The `who` of an event for a session user. */
export function auditWho(user: { id: string; name: string; email?: string }): AuditEvent["who"] {
  return { id: user.id, name: user.name, ...(user.email ? { email: user.email } : {}) };
}
