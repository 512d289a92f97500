/**
 * Workspace names and state keys by the tools' rules. Pure (no I/O, no server-only), so the command
 * line checks its arguments without loading the rest of the core; lib/domain/workspaces re-exports them.
 */
export { DEFAULT_WORKSPACE, stateKey, validateWorkspaceName } from "@/lib/backend/keys";
