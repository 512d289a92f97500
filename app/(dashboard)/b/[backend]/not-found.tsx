import { ProblemPage } from "@/app/(dashboard)/_lib/problem-page";

export default function BackendNotFound() {
  return <ProblemPage kind="not-found" />;
}
