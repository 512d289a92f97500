import "server-only";
/**
 * After a write: every page showing the workspace (header badges, tabs, lists, counts) renders fresh,
 * cached layouts included. Outside a Next request (the action tests call actions directly) Next has no
 * render cache to drop and says so with an invariant error; that case alone is ignored.
 */
import { revalidatePath } from "next/cache";

export function refreshPagesAfterWrite(): void {
  try {
    revalidatePath("/", "layout");
  } catch (e) {
    if (!(e instanceof Error && e.message.startsWith("Invariant: static generation store missing"))) throw e;
  }
}
