import { ProblemPage } from "@/app/(dashboard)/_lib/problem-page";

export default function BackendForbidden() {
  return <ProblemPage kind="forbidden" />;
}
