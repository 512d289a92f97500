import { ProblemPage } from "@/app/(dashboard)/_lib/problem-page";

export default function RestoreForbidden() {
  return <ProblemPage kind="forbidden" />;
}
