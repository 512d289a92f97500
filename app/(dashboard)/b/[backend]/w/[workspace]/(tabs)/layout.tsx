import type { ReactNode } from "react";
import { interruptOnRouteProblem } from "@/app/(dashboard)/_lib/route-problem";
import { checkWorkspace } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-check";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";

/**
 * The tabs' gate: a workspace that does not exist (or a name that cannot be one) ends here with a 404,
 * below the workspace layout so that its not-found.tsx can show what the layout found.
 */
export default async function WorkspaceTabsGate({ children, params }: { children: ReactNode; params: WorkspaceRouteParams }) {
  const { backend, workspace } = await workspaceRoute(params);
  interruptOnRouteProblem(await checkWorkspace(backend, workspace));
  return children;
}
