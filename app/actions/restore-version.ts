"use server";

import { afterWrite } from "@/app/(dashboard)/_lib/after-write";
import { z } from "zod";
import { restoreVersion, type RestoreResult } from "@/lib/domain/versions";
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
      // The list, the problems, the dependency graph and every page showing the workspace: fresh at once.
      afterWrite(ctx);
      return out;
    },
  });
}
