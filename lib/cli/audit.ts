/**
 * The CLI's writes are audited like the server's: one event per attempt (ok, refused or failed).
 * The line goes to stderr, because stdout is the command's own output (tables, --json), and to
 * the S3 prefix when the Statehouse config the backend came from has `audit.s3`.
 */
import { CLI_ROLE, type AuditEvent } from "@/lib/audit/event";
import { failedOutcome } from "@/lib/audit/outcome";
import { recordAudit } from "@/lib/domain/audit";
import { localWho } from "@/lib/domain/locks";
import type { CommandContext } from "./command";

export interface AuditedWrite<T> {
  action: AuditEvent["action"];
  /** What the event names as the target; `out` is present when the write succeeded. */
  target: (out?: T) => AuditEvent["target"];
  write: () => Promise<T>;
}

/** The CLI user, as the tools name a lock holder; `cli:` keeps the id apart from the server's user ids. */
export function cliWho(): AuditEvent["who"] {
  const who = localWho();
  return { id: `cli:${who}`, name: who };
}

/**
 * Runs the write and records its event. A failed S3 write of the event is reported on stderr and
 * does not change the outcome: a restore or unlock that happened has happened.
 */
export async function auditedWrite<T>(ctx: CommandContext, spec: AuditedWrite<T>): Promise<T> {
  const [backend, config] = await Promise.all([ctx.backend(), ctx.auditConfig()]);
  const record = (target: AuditEvent["target"], err?: unknown) =>
    recordAudit(
      {
        who: cliWho(),
        role: CLI_ROLE,
        backend: backend.def.name,
        workspace: ctx.globals.workspace,
        action: spec.action,
        target,
        ...(err === undefined ? { result: "ok" as const } : failedOutcome(err)),
      },
      config,
      { events: ctx.io.stderr, failures: ctx.io.stderr },
    );
  let out: T;
  try {
    out = await spec.write();
  } catch (err) {
    await record(spec.target(), err);
    throw err;
  }
  await record(spec.target(out));
  return out;
}
