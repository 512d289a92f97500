"use server";

import { afterWrite } from "@/app/(dashboard)/_lib/after-write";
import { z } from "zod";
import { breakLock, type BreakLockResult } from "@/lib/domain/locks";
import { LOCK_KIND_VALUES } from "@/lib/browser-safe/lock-kinds";
import type { ActionResult } from "@/lib/result";
import { auditedAction, brokenLockTarget, type Audited } from "./audited";
import { backendNameSchema, workspaceNameSchema } from "./schemas";

const input = z.object({
  backend: backendNameSchema,
  workspace: workspaceNameSchema,
  /** The tools write UUIDs; other writers may not, so any short printable token is accepted. */
  lockId: z.string().regex(/^[\x21-\x7e]{1,256}$/, "not a lock ID"),
  /** Absent: every lock carrying the ID (as force-unlock does). */
  kind: z.enum(LOCK_KIND_VALUES).optional(),
});

/** Releases exactly the lock the user confirmed, like `force-unlock ID` (operator). */
export async function breakLockAction(raw: z.input<typeof input>): Promise<ActionResult<Audited<BreakLockResult>>> {
  return auditedAction(input, raw, {
    permission: "unlock",
    audit: "unlock",
    target: (i, out) => ({ lockId: i.lockId, ...(i.kind ? { lockKind: i.kind } : {}), ...brokenLockTarget(out) }),
    run: async (ctx, i) => {
      const out = await breakLock(ctx, { workspace: i.workspace, lockId: i.lockId, ...(i.kind ? { kind: i.kind } : {}) });
      // The list, the problems, the dependency graph and every page showing the workspace: fresh at once.
      afterWrite(ctx);
      return out;
    },
  });
}
