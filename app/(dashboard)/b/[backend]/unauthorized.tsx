import { ProblemPage } from "@/app/(dashboard)/_lib/problem-page";

export default function BackendUnauthorized() {
  return <ProblemPage kind="unauthorized" />;
}
