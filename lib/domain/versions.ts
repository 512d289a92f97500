import "server-only";
/**
 * The versions concept: a workspace's version history, reading one version, the timeline's
 * summaries, and restoring a version (the only write that creates a version).
 */
export { getVersioning, listVersions, readStateObject, type StateObject } from "@/lib/backend/versions";
export type { StateVersion, VersioningState } from "@/lib/backend/types";
export { RESTORED_BY_META, RESTORED_FROM_META, restoreVersion, type RestoreResult } from "@/lib/backend/restore";
export { versionSummaries, type VersionChanges, type VersionSummary } from "./versions/timeline";
export { listVersionsCached } from "./versions/list-cache";
export { bucketVersioning } from "./versions/bucket-versioning";
export { readCurrentObject } from "@/lib/backend/restore";
