import { ProblemPage } from "@/app/(dashboard)/_lib/problem-page";

/** The plain page for a 404 no layout below recorded a reason for. */
export default function DashboardNotFound() {
  return <ProblemPage kind="not-found" />;
}
