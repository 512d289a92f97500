/** The workspace header's problem badges: awaits the promise the layout started (inside a Suspense); fetched after render before any estate pass settled. */
import { ProblemBadges } from "./problem-badges";
import { ProblemBadgesAfterRender } from "./problems-after-render";

export async function AwaitedProblemBadges({ codes, backend, workspace }: { codes: Promise<string[] | "pending">; backend: string; workspace: string }) {
  const c = await codes;
  return c === "pending" ? <ProblemBadgesAfterRender backend={backend} workspace={workspace} /> : <ProblemBadges codes={c} />;
}
