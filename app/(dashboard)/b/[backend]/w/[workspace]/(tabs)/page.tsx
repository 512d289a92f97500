import { redirect } from "next/navigation";
import { workspaceHref } from "@/components/versions/links";
import { workspaceRoute, type WorkspaceRouteParams } from "@/components/versions/workspace-route";

/** The workspace's own URL opens its State tab. */
export default async function WorkspaceIndex({ params }: { params: WorkspaceRouteParams }) {
  const { backend, workspace } = await workspaceRoute(params);
  redirect(workspaceHref(backend, workspace, "state"));
}
