import { ProblemPage } from "@/app/(dashboard)/_lib/problem-page";

export default function AuditForbidden() {
  return <ProblemPage kind="forbidden" />;
}
