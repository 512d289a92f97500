import "server-only";
/**
 * Deleted workspaces (latest version of the state key is a delete marker), found at a cost that grows
 * with the number of workspace folders, not with their history:
 * - one ListObjectVersions with Delimiter "/" under the listing prefix gives one CommonPrefix per
 *   folder (about one page per 1,000 folders). A deleted workspace's folder is still there: its
 *   delete marker and old versions keep it.
 * - folders whose state the live ListObjectsV2 listing has are live, so only the other folders (and
 *   the default key, when the listing did not see it) are candidates; each costs one keyPresence.
 */
import { ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { AccessDeniedError, type ErrorPayload } from "@/lib/errors";
import { awsCall, s3Arn } from "@/lib/aws/errors";
import { mapLimit } from "@/lib/util/map-limit";
import type { BackendContext } from "./context";
import { DEFAULT_WORKSPACE, stateKey, workspaceFromObjectKey, workspaceListPrefix } from "./keys";
import { keyPresence } from "./presence";
import type { WorkspaceSummary } from "./types";
import { getVersioning } from "./versions";

const PRESENCE_PARALLEL = 16;

export interface DeletedWorkspaces {
  /** Rows of the deleted workspaces (`deleted: true`, locks not read), in no particular order. */
  workspaces: WorkspaceSummary[];
  /** The discovery was cut short (e.g. AccessDenied on ListObjectVersions): some may be missing. */
  warnings: ErrorPayload[];
}

/** What discovery needs from the live listing: which workspaces have a current state object. */
export interface LiveNames {
  liveNames: ReadonlySet<string>;
}

/** The folders directly under the listing prefix ("env:/prod/"), every page. */
async function listWorkspaceFolders(ctx: BackendContext): Promise<Set<string>> {
  const { bucket } = ctx.def.options;
  const prefix = workspaceListPrefix(ctx.def.options);
  const folders = new Set<string>();
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await awsCall({ action: "s3:ListBucketVersions", resource: s3Arn(bucket), bucket }, () =>
      ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, Delimiter: "/", KeyMarker: keyMarker, VersionIdMarker: versionIdMarker })),
    );
    for (const p of page.CommonPrefixes ?? []) if (p.Prefix !== undefined) folders.add(p.Prefix);
    // A marker that does not move would page forever: stop rather than trust it.
    if (!page.IsTruncated || page.NextKeyMarker === undefined || (page.NextKeyMarker === keyMarker && page.NextVersionIdMarker === versionIdMarker)) return folders;
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
}

/** The workspace a folder would hold, by the `workspace list` rule, with its state key; null when none. */
function candidateOf(ctx: BackendContext, folder: string): { name: string; key: string } | null {
  const name = workspaceFromObjectKey(ctx.def.options, folder + ctx.def.options.key);
  return name === null ? null : { name, key: stateKey(ctx.def.options, name) };
}

function deletedRow(name: string, key: string, lastModified: string | null): WorkspaceSummary {
  return { name, key, size: null, lastModified, etag: null, deleted: true, exists: false, locked: false, lockHolders: [] };
}

/**
 * Finds the deleted workspaces. Starts the version-side requests at once and waits for `live` only to
 * pick the candidates, so it runs alongside the live listing rather than after it.
 * Empty when versioning was never enabled (no delete markers can exist).
 */
export async function listDeletedWorkspaces(ctx: BackendContext, live: Promise<LiveNames>): Promise<DeletedWorkspaces> {
  const warnings: ErrorPayload[] = [];
  const denied = (e: unknown) => {
    if (!(e instanceof AccessDeniedError)) throw e;
    warnings.push(e.toPayload());
  };
  const [versioning, folders, { liveNames }] = await Promise.all([
    getVersioning(ctx),
    listWorkspaceFolders(ctx).catch((e: unknown) => {
      denied(e);
      return new Set<string>();
    }),
    live,
  ]);
  if (versioning === "Disabled") return { workspaces: [], warnings: [] };
  const candidates: { name: string; key: string }[] = [];
  if (!liveNames.has(DEFAULT_WORKSPACE)) candidates.push({ name: DEFAULT_WORKSPACE, key: ctx.def.options.key });
  for (const folder of folders) {
    const c = candidateOf(ctx, folder);
    if (c && !liveNames.has(c.name)) candidates.push(c);
  }
  const presences = await mapLimit(candidates, PRESENCE_PARALLEL, (c) => keyPresence(ctx, c.key)).catch((e: unknown) => {
    denied(e);
    return [];
  });
  const workspaces: WorkspaceSummary[] = [];
  presences.forEach((p, i) => {
    const c = candidates[i]!;
    if (p.state === "deleted") workspaces.push(deletedRow(c.name, c.key, p.lastModified));
  });
  return { workspaces, warnings };
}
