import { redirect } from "next/navigation";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";

/** The workspace's own URL opens its State tab. */
export default async function WorkspaceIndex({ params }: { params: WorkspaceRouteParams }) {
  const { backend, workspace } = await workspaceRoute(params);
  redirect(workspaceHref(backend, workspace, "state"));
}
