/** URLs of the workspace tabs this part links between, built in one place so encoding is consistent. */
export function workspaceHref(backend: string, workspace: string, tab: string): string {
  return `/b/${encodeURIComponent(backend)}/w/${encodeURIComponent(workspace)}/${tab}`;
}

export function diffHref(backend: string, workspace: string, from: string, to: string): string {
  return `${workspaceHref(backend, workspace, "diff")}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

/** The confirmation view for restoring `versionId`. */
export function restoreHref(backend: string, workspace: string, versionId: string): string {
  return `${workspaceHref(backend, workspace, "versions/restore")}?version=${encodeURIComponent(versionId)}`;
}

/** The history of one instance (`address` as `terraform state list` prints it) over the workspace's versions. */
export function historyHref(backend: string, workspace: string, address: string): string {
  return `${workspaceHref(backend, workspace, "history")}?address=${encodeURIComponent(address)}`;
}
