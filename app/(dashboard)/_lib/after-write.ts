import "server-only";
/**
 * After a write through Statehouse (restore, unlock, digest repair), one call makes everything derived from the
 * backend fresh: its workspace listing, the estate's problems, the dependency graphs over it, and every page
 * showing it (header badges, tabs, lists, counts), cached layouts included. Outside a Next request (the action
 * tests call actions directly) Next has no render cache to drop and says so with an invariant error; that case
 * alone is ignored.
 */
import { revalidatePath } from "next/cache";
import { forgetProblems } from "@/app/(dashboard)/_lib/estate-scope";
import type { BackendContext } from "@/lib/domain/backends";
import { invalidateListing } from "@/lib/domain/workspaces";

export function afterWrite(ctx: BackendContext): void {
  // The listing's generation also keys the dependency graphs over this backend: they are built afresh.
  invalidateListing(ctx);
  forgetProblems();
  try {
    revalidatePath("/", "layout");
  } catch (e) {
    if (!(e instanceof Error && e.message.startsWith("Invariant: static generation store missing"))) throw e;
  }
}
