"use server";

import { z } from "zod";
import { changesSince, parseSince, type EstateChange } from "@/lib/domain/changes";
import { toResult, type ActionResult } from "@/lib/result";
import { pickFields } from "@/lib/util/pick";
import { parseInput } from "@/lib/validate";
import { estateScope } from "@/app/(dashboard)/_lib/estate-scope";
import { backendNameSchema, workspaceNameSchema } from "./schemas";

const input = z.object({
  /** RFC 3339 (with the browser's offset) or a duration back from now (`1h`, `24h`, `7d`). */
  since: z.string().min(2).max(64),
  backend: backendNameSchema.optional(),
  workspace: workspaceNameSchema.optional(),
});

/** What the browser gets of each version: a whitelist of EstateChange's fields. */
const CHANGE_FIELDS = [
  "backend",
  "workspace",
  "versionId",
  "previousVersionId",
  "serial",
  "lastModified",
  "added",
  "changed",
  "removed",
  "deleted",
  "restoredFrom",
  "restoredBy",
  "lineageChanged",
  "unreadable",
] as const satisfies readonly (keyof EstateChange)[];

export type ChangeRow = Pick<EstateChange, (typeof CHANGE_FIELDS)[number]>;

export interface ChangesList {
  /** The start of the window, resolved on the server (RFC 3339, UTC). */
  since: string;
  /** The backends the caller may view: the filter's choices. */
  backends: string[];
  changes: ChangeRow[];
  /** Rows in the window; `changes` holds the newest MAX_ROWS of them. */
  total: number;
}

/** A page lists at most this many rows (the newest); the filters narrow a larger window. */
const MAX_ROWS = 2000;

/**
 * Every state version written since a time across the backends the caller may view (viewer on each),
 * newest first, optionally of one backend and one workspace. A backend the caller may not view is
 * neither read nor named: filtering by it gives nothing.
 */
export async function listChangesAction(raw: z.input<typeof input>): Promise<ActionResult<ChangesList>> {
  return toResult(async () => {
    const { since, backend, workspace } = parseInput(input, raw);
    const from = parseSince(since);
    const scope = await estateScope();
    const ctxs = scope.contexts.filter((c) => backend === undefined || c.def.name === backend);
    const rows = ctxs.length ? await changesSince(ctxs, from, workspace === undefined ? {} : { workspace }) : [];
    return {
      since: from.toISOString(),
      backends: scope.contexts.map((c) => c.def.name),
      total: rows.length,
      changes: rows.slice(0, MAX_ROWS).map((c) => pickFields(c, CHANGE_FIELDS)),
    };
  });
}
