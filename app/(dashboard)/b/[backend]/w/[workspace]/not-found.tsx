import { ProblemPage } from "@/app/(dashboard)/_lib/problem-page";

export default function WorkspaceNotFound() {
  return <ProblemPage kind="not-found" />;
}
