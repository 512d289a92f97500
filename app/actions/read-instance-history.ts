"use server";

import { z } from "zod";
import { authorize } from "@/auth";
import { getBackendContext } from "@/lib/domain/backends";
import { instanceHistoryPage, type HistoryCursor, type InstanceHistoryEntry } from "@/lib/domain/history";
import { toResult, type ActionResult } from "@/lib/result";
import { pickFields } from "@/lib/util/pick";
import { parseInput } from "@/lib/validate";
import { backendNameSchema, versionIdSchema, workspaceNameSchema } from "./schemas";

const isoTime = z.string().max(40).refine((t) => !Number.isNaN(Date.parse(t)), "not a time");
const count = z.number().int().min(0).max(100_000_000);

const cursorSchema = z.object({
  after: versionIdSchema,
  pending: z
    .object({ versionId: versionIdSchema, isLatest: z.boolean(), isDeleteMarker: z.boolean(), size: z.number().int().min(0).nullable(), lastModified: isoTime })
    .nullable(),
  read: count,
  total: count,
  unreadable: count,
});

const input = z.object({
  backend: backendNameSchema,
  workspace: workspaceNameSchema,
  address: z.string().min(1).max(4096),
  cursor: cursorSchema.nullable(),
});

/** What the browser gets of each change: attribute paths only, never values (sensitive or not). */
const ENTRY_FIELDS = ["versionId", "serial", "lastModified", "size", "change", "paths", "previousVersionId", "isLatest", "isDeleteMarker"] as const satisfies readonly (keyof InstanceHistoryEntry)[];

export type InstanceHistoryRow = Pick<InstanceHistoryEntry, (typeof ENTRY_FIELDS)[number]>;

export interface InstanceHistoryBatch {
  entries: InstanceHistoryRow[];
  /** Send back for the next batch; null when every version was read. */
  cursor: HistoryCursor | null;
  read: number;
  total: number;
  unreadable: number;
}

/**
 * One batch of an instance's history (viewer): the versions after `cursor` (from the newest when
 * null), read a few at once for about two seconds. The page calls it again with the returned cursor
 * until it is null or the user stops.
 */
export async function readInstanceHistoryAction(raw: z.input<typeof input>): Promise<ActionResult<InstanceHistoryBatch>> {
  return toResult(async () => {
    const { backend, workspace, address, cursor } = parseInput(input, raw);
    await authorize(backend, "read");
    const page = await instanceHistoryPage(await getBackendContext(backend), workspace, address, cursor);
    return {
      entries: page.entries.map((e) => pickFields(e, ENTRY_FIELDS)),
      cursor: page.cursor,
      read: page.read,
      total: page.total,
      unreadable: page.unreadable,
    };
  });
}
