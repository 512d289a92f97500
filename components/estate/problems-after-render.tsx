"use client";
/**
 * The header's problem count and a workspace's problem badges when the server had no settled estate
 * pass to render them from (the first pass after start, or just after a fix): fetched once after
 * render, so the page's own response never waits for an estate-wide pass.
 */
import { useEffect, useState } from "react";
import { listProblemsAction } from "@/app/actions/list-problems";
import type { Problem } from "@/lib/problems/rules";
import { ProblemBadges } from "./problem-badges";
import { ProblemCountBubble } from "./problem-count-bubble";

function useProblemsAfterRender(): Problem[] | null {
  const [problems, setProblems] = useState<Problem[] | null>(null);
  useEffect(() => {
    let live = true;
    listProblemsAction({}).then(
      (r) => {
        if (live && r.ok) setProblems(r.data);
      },
      // An extra beside the page: nothing to show when it fails.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return problems;
}

export function ProblemCountAfterRender() {
  const problems = useProblemsAfterRender();
  return problems ? <ProblemCountBubble count={problems.length} /> : null;
}

export function ProblemBadgesAfterRender({ backend, workspace }: { backend: string; workspace: string }) {
  const problems = useProblemsAfterRender();
  return <ProblemBadges codes={problems?.filter((p) => p.backend === backend && p.workspace === workspace).map((p) => p.code)} />;
}
