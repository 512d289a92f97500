import type { ReactNode } from "react";
import { recordIfInterrupting } from "@/app/(dashboard)/_lib/route-problem";
import { checkAudit } from "@/app/(dashboard)/audit/_lib/audit-route";

/** Checks the permission before the page renders, so that forbidden.tsx can say which role it takes. */
export default async function AuditLayout({ children }: { children: ReactNode }) {
  recordIfInterrupting(await checkAudit());
  return children;
}
