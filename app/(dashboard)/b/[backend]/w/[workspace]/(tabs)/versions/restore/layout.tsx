import type { ReactNode } from "react";
import { recordIfInterrupting } from "@/app/(dashboard)/_lib/route-problem";
import { checkPermission } from "@/app/(dashboard)/b/[backend]/_lib/backend-route";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";

/** Restoring is for admins: checked before the page, so that forbidden.tsx can say so with a 403. */
export default async function RestoreLayout({ children, params }: { children: ReactNode; params: WorkspaceRouteParams }) {
  recordIfInterrupting(await checkPermission((await workspaceRoute(params)).backend, "restore"));
  return children;
}
