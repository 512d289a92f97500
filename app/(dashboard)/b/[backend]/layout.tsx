import type { ReactNode } from "react";
import { recordIfInterrupting } from "@/app/(dashboard)/_lib/route-problem";
import { checkBackend } from "@/app/(dashboard)/b/[backend]/_lib/backend-route";

/** Checks the backend before anything below renders, so that its not-found/forbidden files can say what failed. */
export default async function BackendLayout({ children, params }: { children: ReactNode; params: Promise<{ backend: string }> }) {
  recordIfInterrupting(await checkBackend((await params).backend));
  return children;
}
