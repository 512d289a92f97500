"use server";

import { z } from "zod";
import { authorize } from "@/auth";
import { listAudit, MAX_AUDIT_LIMIT, type AuditPage } from "@/lib/domain/audit";
import { toResult, type ActionResult } from "@/lib/result";
import { parseInput } from "@/lib/validate";
import { backendNameSchema, workspaceNameSchema } from "./schemas";

/** Events per page when the caller does not say. */
const DEFAULT_LIMIT = 50;

const input = z.object({
  // "*" is the backend of events that span backends (sign-out-everywhere).
  backend: z.union([backendNameSchema, z.literal("*")]).optional(),
  workspace: workspaceNameSchema.optional(),
  /** Part of a user id (local:alice, github:octocat), email or name: filters match substrings. */
  user: z.string().min(1).max(320).optional(),
  /** listAudit's nextCursor: base64url of an event key. */
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,2048}$/, "not an audit cursor").optional(),
  limit: z.number().int().min(1).max(MAX_AUDIT_LIMIT).optional(),
});

/** One page of the audit trail, newest first (admin: the global role, as the trail spans backends). */
export async function listAuditAction(raw: z.input<typeof input>): Promise<ActionResult<AuditPage>> {
  return toResult(async () => {
    // Permission first: callers without it learn nothing, not even which filters are malformed.
    await authorize(null, "viewAudit");
    const { limit, ...filters } = parseInput(input, raw);
    return listAudit({ ...filters, limit: limit ?? DEFAULT_LIMIT });
  });
}
