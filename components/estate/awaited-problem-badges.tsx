/** The workspace header's problem badges: awaits the promise the layout started (inside a Suspense). */
import { ProblemBadges } from "./problem-badges";

export async function AwaitedProblemBadges({ codes }: { codes: Promise<string[]> }) {
  return <ProblemBadges codes={await codes} />;
}
