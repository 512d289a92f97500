export type WorkspaceRouteParams = Promise<{ backend: string; workspace: string }>;

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A malformed escape is left as typed; name validation then reports it.
    return s;
  }
}

/**
 * The backend and workspace names of a workspace tab's URL. Segments may arrive percent-encoded
 * (workspace names may hold `$&+:=@`), so they are decoded once here. Callers validate the
 * workspace name (validateWorkspaceName) where its error can be rendered.
 */
export async function workspaceRoute(params: WorkspaceRouteParams): Promise<{ backend: string; workspace: string }> {
  const p = await params;
  return { backend: decodeSegment(p.backend), workspace: decodeSegment(p.workspace) };
}
