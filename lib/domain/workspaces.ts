import "server-only";
/**
 * The workspaces concept, the one entry for pages, actions and the CLI: names and their rule,
 * the listing (cached for the dashboard), per-row details and the workspace header's status.
 */
export { DEFAULT_WORKSPACE, stateKey, validateWorkspaceName } from "@/lib/backend/keys";
export { listWorkspaces } from "@/lib/backend/workspaces";
export type { WorkspaceSummary } from "@/lib/backend/types";
export type { WorkspaceList } from "@/lib/backend/workspaces";
export { DELETED_TTL_MS, invalidateListing, listWorkspacesCached, LISTING_TTL_MS, liveWorkspaceObjects, LOCK_TTL_MS, type WorkspaceLister } from "./workspaces/listing-cache";
export { cachedDetails, detailsOf, workspaceDetails, type DetailsRequest, type DetailsResult, type WorkspaceDetails } from "./workspaces/details";
export { statePresence, workspaceStatus, type ObjectPresence, type WorkspaceStatus } from "./workspaces/status";
export { keyPresence } from "@/lib/backend/presence";
