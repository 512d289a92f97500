"use server";

import { afterWrite } from "@/app/(dashboard)/_lib/after-write";
import { z } from "zod";
import { repairDigest, type RepairDigestResult } from "@/lib/domain/locks";
import type { ActionResult } from "@/lib/result";
import { auditedAction, type Audited } from "./audited";
import { backendNameSchema, workspaceNameSchema } from "./schemas";

const input = z.object({
  backend: backendNameSchema,
  workspace: workspaceNameSchema,
  /** The digest the admin saw (any stored string, even a malformed one), or null for none. */
  expectedDigest: z.string().max(1024).nullable(),
  /** The current object's ETag the admin saw, or null when there was no object. */
  currentEtag: z.string().regex(/^"?[A-Za-z0-9-]{1,128}"?$/, "not an ETag").nullable(),
});

/** Sets the digest item to the MD5 of the current state object (admin). */
export async function repairDigestAction(raw: z.input<typeof input>): Promise<ActionResult<Audited<RepairDigestResult>>> {
  return auditedAction(input, raw, {
    permission: "repairDigest",
    audit: "repair-digest",
    target: () => ({}),
    run: async (ctx, i) => {
      const out = await repairDigest(ctx, { workspace: i.workspace, expectedDigest: i.expectedDigest, currentEtag: i.currentEtag });
      // The list, the problems, the dependency graph and every page showing the workspace: fresh at once.
      afterWrite(ctx);
      return out;
    },
  });
}
