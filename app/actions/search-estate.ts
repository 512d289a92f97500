"use server";

import { z } from "zod";
import type { SearchResponse } from "@/lib/domain/search";
import { toResult, type ActionResult } from "@/lib/result";
import { parseInput } from "@/lib/validate";
import { estateScope, searchInScope } from "@/app/(dashboard)/_lib/estate-scope";

const input = z.object({
  q: z.string().max(2000),
  limit: z.number().int().min(1).max(5000).optional(),
});

/**
 * Searches the current state of every workspace the caller may view (viewer). Sensitive values are
 * never in the index, so they can be neither matched nor returned.
 */
export async function searchEstateAction(raw: z.input<typeof input>): Promise<ActionResult<SearchResponse>> {
  return toResult(async () => {
    const { q, limit } = parseInput(input, raw);
    return searchInScope(await estateScope(), q, limit ?? 1000);
  });
}
