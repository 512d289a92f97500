"use client";
/** Problem codes per workspace of one backend, fetched once after mount so the table never waits for the estate pass. */
import { useEffect, useState } from "react";
import { listProblemsAction } from "@/app/actions/list-problems";

export function useWorkspaceProblems(backend: string): Record<string, string[]> {
  const [byWorkspace, setByWorkspace] = useState<Record<string, string[]>>({});
  useEffect(() => {
    let live = true;
    listProblemsAction({}).then(
      (r) => {
        if (!live || !r.ok) return;
        const out: Record<string, string[]> = {};
        for (const p of r.data) if (p.backend === backend && p.workspace !== null) (out[p.workspace] ??= []).push(p.code);
        setByWorkspace(out);
      },
      // Problems are an extra here: the table is complete without them.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [backend]);
  return byWorkspace;
}
