import type { Metadata } from "next";
import { workspaceRoute, type WorkspaceRouteParams } from "./workspace-route";

/**
 * A workspace page's generateMetadata: the title names the workspace and the page
 * (`prod-network / default · State · Statehouse`, the root layout adds the last part), so tabs,
 * history and bookmarks tell workspaces apart.
 */
export function workspacePageTitle(page: string) {
  return async function generateMetadata({ params }: { params: WorkspaceRouteParams }): Promise<Metadata> {
    const { backend, workspace } = await workspaceRoute(params);
    return { title: `${backend} / ${workspace} · ${page}` };
  };
}
