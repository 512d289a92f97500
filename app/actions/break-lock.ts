"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { breakLock } from "@/lib/backend/unlock";
import type { LockKind } from "@/lib/backend/types";
import type { ActionResult } from "@/lib/result";
import { invalidateListing } from "@/lib/service/listing-cache";
import { auditedAction, type Audited } from "./audited";
import { backendNameSchema, workspaceNameSchema } from "./schemas";

const input = z.object({
  backend: backendNameSchema,
  workspace: workspaceNameSchema,
  /** The tools write UUIDs; other writers may not, so any short printable token is accepted. */
  lockId: z.string().regex(/^[\x21-\x7e]{1,256}$/, "not a lock ID"),
  /** Absent: every lock carrying the ID (as force-unlock does). */
  kind: z.enum(["dynamodb", "s3"]).optional(),
});

/** Releases exactly the lock the user confirmed, like `force-unlock ID` (operator). */
export async function breakLockAction(raw: z.input<typeof input>): Promise<ActionResult<Audited<{ released: LockKind[] }>>> {
  return auditedAction(input, raw, {
    permission: "unlock",
    audit: "unlock",
    target: (i) => ({ lockId: i.lockId, ...(i.kind ? { lockKind: i.kind } : {}) }),
    run: async (ctx, i) => {
      const out = await breakLock(ctx, { workspace: i.workspace, lockId: i.lockId, ...(i.kind ? { kind: i.kind } : {}) });
      // The workspaces list must not show the lock just broken.
      invalidateListing(ctx);
      // Every page showing this workspace (header badges, tabs, lists, counts) renders fresh, cached layouts included.
      revalidatePath("/", "layout");
      return out;
    },
  });
}
