"use server";

import { refreshPagesAfterWrite } from "@/app/(dashboard)/_lib/refresh-pages";
import { z } from "zod";
import { restoreVersion, type RestoreResult } from "@/lib/domain/versions";
import { invalidateListing } from "@/lib/domain/workspaces";
import type { SessionUser } from "@/lib/auth/types";
import type { ActionResult } from "@/lib/result";
import { auditedAction, type Audited } from "./audited";
import { backendNameSchema, versionIdSchema, workspaceNameSchema } from "./schemas";

const input = z.object({
  backend: backendNameSchema,
  workspace: workspaceNameSchema,
  versionId: versionIdSchema,
  expectedCurrentVersionId: versionIdSchema.optional(),
  confirmLineageChange: z.boolean().optional(),
});

/** LockInfo.Who and the restored-by metadata: who did it, and that it was done through Statehouse. */
function lockWho(user: SessionUser): string {
  return `${user.email ?? user.id} via Statehouse`;
}

/** Copies a prior version forward as the new current state (admin). */
export async function restoreVersionAction(raw: z.input<typeof input>): Promise<ActionResult<Audited<RestoreResult>>> {
  return auditedAction(input, raw, {
    permission: "restore",
    audit: "restore",
    target: (i, out) => ({ sourceVersionId: i.versionId, ...(out ? { versionId: out.newVersionId } : {}) }),
    run: async (ctx, i, user) => {
      const out = await restoreVersion(ctx, {
        workspace: i.workspace,
        versionId: i.versionId,
        who: lockWho(user),
        ...(i.expectedCurrentVersionId ? { expectedCurrentVersionId: i.expectedCurrentVersionId } : {}),
        ...(i.confirmLineageChange ? { confirmLineageChange: true } : {}),
      });
      // The new object (size, ETag, date; a deleted workspace made live) shows in the list at once.
      invalidateListing(ctx);
      // Every page showing this workspace (header badges, tabs, lists, counts) renders fresh, cached layouts included.
      refreshPagesAfterWrite();
      return out;
    },
  });
}
