"use server";

import { refreshPagesAfterWrite } from "@/app/(dashboard)/_lib/refresh-pages";
import { z } from "zod";
import { breakLock, type BreakLockResult } from "@/lib/domain/locks";
import { invalidateListing } from "@/lib/domain/workspaces";
import { LOCK_KIND_VALUES } from "@/lib/browser-safe/lock-kinds";
import type { ActionResult } from "@/lib/result";
import { forgetProblems } from "@/app/(dashboard)/_lib/estate-scope";
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
      // The workspaces list must not show the lock just broken.
      invalidateListing(ctx);
      // The Problems page must not list what was just fixed.
      forgetProblems();
      // Every page showing this workspace (header badges, tabs, lists, counts) renders fresh, cached layouts included.
      refreshPagesAfterWrite();
      return out;
    },
  });
}
