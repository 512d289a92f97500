"use server";

import { afterWrite } from "@/app/(dashboard)/_lib/after-write";
import { z } from "zod";
import { breakOrphanLock, type BreakLockResult } from "@/lib/domain/locks";
import { LOCK_KIND_VALUES } from "@/lib/browser-safe/lock-kinds";
import type { ActionResult } from "@/lib/result";
import { auditedAction, brokenLockTarget, type Audited } from "./audited";
import { backendNameSchema } from "./schemas";

const input = z.object({
  backend: backendNameSchema,
  /** The state object key the orphan lock is for (the Locks page shows it). */
  stateKey: z.string().min(1).max(1024),
  lockId: z.string().regex(/^[\x21-\x7e]{1,256}$/, "not a lock ID"),
  kind: z.enum(LOCK_KIND_VALUES),
});

/**
 * Releases an orphan lock (no workspace shows it) the user confirmed by its ID, with the same protocol as
 * break-lock (operator). A lock of a workspace whose state exists is refused: it is broken on its Lock tab.
 */
export async function breakOrphanLockAction(raw: z.input<typeof input>): Promise<ActionResult<Audited<BreakLockResult>>> {
  return auditedAction(input, raw, {
    permission: "unlock",
    audit: "unlock",
    target: (i, out) => ({ lockId: i.lockId, lockKind: i.kind, stateKey: i.stateKey, ...brokenLockTarget(out) }),
    run: async (ctx, i) => {
      const out = await breakOrphanLock(ctx, { stateKey: i.stateKey, lockId: i.lockId, kind: i.kind });
      // The list, the problems, the dependency graph and every page showing the workspace: fresh at once.
      afterWrite(ctx);
      return out;
    },
  });
}
