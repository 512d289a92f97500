"use client";

import { useEffect, useRef, useState } from "react";
import { getVersionSummariesAction } from "@/app/actions/get-version-summaries";
import type { ErrorPayload } from "@/lib/errors";
import type { SummaryRequest } from "@/lib/browser-safe/version-list";
import type { VersionSummary } from "@/lib/domain/versions";

const UNREACHABLE: ErrorPayload = { code: "UPSTREAM", message: "The server could not be reached.", hint: "Check the connection and retry." };

/**
 * Summaries of the timeline pages the user wants (those near the viewport, in order), fetched
 * through the read action one page at a time: each page reads up to ~100 MB of state on the
 * server, so asking for several at once would only queue them there. A failed page stops the
 * loading until `retry`.
 */
export function useVersionSummaries(backend: string, workspace: string, pages: readonly SummaryRequest[][], wanted: readonly number[]) {
  // Grown in place (copying a 5,000-entry map per page would be quadratic); `revision` tells React.
  // Kept by version id, not page number: a refreshed history (a restore, a new apply) shifts the pages.
  const [summaries] = useState(() => new Map<string, VersionSummary>());
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const inFlight = useRef(false);
  const next = error ? undefined : wanted.find((p) => pages[p]?.some((r) => !summaries.has(r.versionId)));

  useEffect(() => {
    if (next === undefined || inFlight.current) return;
    inFlight.current = true;
    getVersionSummariesAction({ backend, workspace, page: pages[next]! })
      .catch((): { ok: false; error: ErrorPayload } => ({ ok: false, error: UNREACHABLE }))
      .then((r) => {
        inFlight.current = false;
        if (!r.ok) return setError(r.error);
        for (const s of r.data) summaries.set(s.versionId, s);
        setRevision((n) => n + 1);
      });
    // `revision`: after each page, look again (the wanted pages may have moved meanwhile).
  }, [backend, workspace, pages, next, summaries, revision]);

  return { summaries: summaries as ReadonlyMap<string, VersionSummary>, revision, loading: next !== undefined, error, retry: () => setError(null) };
}
