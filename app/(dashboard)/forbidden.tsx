import { ProblemPage } from "@/app/(dashboard)/_lib/problem-page";

/** The plain page for a 403 no layout below recorded a reason for. */
export default function DashboardForbidden() {
  return <ProblemPage kind="forbidden" />;
}
