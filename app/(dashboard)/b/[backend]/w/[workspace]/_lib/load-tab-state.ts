import "server-only";
import { authorize } from "@/auth";
import { versionIdSchema } from "@/app/actions/schemas";
import { can } from "@/lib/auth/roles";
import { validateWorkspaceName } from "@/lib/domain/workspaces";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { loadState } from "@/lib/domain/state";
import { parseInput } from "@/lib/validate";

/** `?version=` as given: one string, or nothing. */
export function versionParam(v: string | string[] | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * What the State and Outputs tabs start from: the caller's read permission, then the parsed state
 * (current or `version`). The result stays on the server: only masked views of it reach the client.
 */
export function loadTabState(backend: string, workspace: string, version: string | undefined) {
  return toResult(async () => {
    const { role } = await authorize(backend, "read");
    const ctx = await getBackendContext(backend);
    const versionId = version === undefined ? undefined : parseInput(versionIdSchema, version);
    const loaded = await loadState(ctx, validateWorkspaceName(workspace), versionId);
    return { ctx, loaded, canReveal: can(role, "reveal") };
  });
}

/**
 * The version later reads (expand, reveal) must use to see what the page showed: the version
 * read, except "null" (no versioning), which only the current read reaches.
 */
export function pinnedVersion(requested: string | undefined, read: string): string | undefined {
  return requested ?? (read === "null" ? undefined : read);
}
