import { ProblemPage } from "@/app/(dashboard)/_lib/problem-page";

export default function AuditUnauthorized() {
  return <ProblemPage kind="unauthorized" />;
}
