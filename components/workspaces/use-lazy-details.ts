"use client";

import { useCallback, useRef, useState } from "react";
import { getWorkspaceDetailsAction } from "@/app/actions/get-workspace-details";
import type { DetailsResult, WorkspaceDetails } from "@/lib/domain/workspaces";
import type { WorkspaceRow } from "@/lib/browser-safe/workspace-rows";

/** Rows per action call: about one screen. */
const BATCH = 40;

/**
 * Details (serial, resources, tool version) of the rows on screen, fetched lazily: one action
 * call per batch, one call at a time (server actions are serialised per client anyway), always for
 * the rows visible now, so scrolling fast through thousands of rows never queues them all.
 */
export function useLazyDetails(backend: string, initial: Record<string, WorkspaceDetails>) {
  const [details, setDetails] = useState<Record<string, DetailsResult>>(() =>
    Object.fromEntries(Object.entries(initial).map(([name, d]) => [name, { ok: true, details: d }])),
  );
  /** Names fetched or being fetched: never asked twice. */
  const known = useRef(new Set(Object.keys(initial)));
  const wanted = useRef<WorkspaceRow[]>([]);
  const running = useRef(false);

  const pump = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (;;) {
        const batch = wanted.current.filter((w) => !known.current.has(w.name)).slice(0, BATCH);
        if (batch.length === 0) break;
        for (const w of batch) known.current.add(w.name);
        const r = await getWorkspaceDetailsAction({ backend, rows: batch.map((w) => ({ workspace: w.name, etag: w.etag })) });
        const got: Record<string, DetailsResult> = r.ok ? r.data : Object.fromEntries(batch.map((w) => [w.name, { ok: false, error: r.error }]));
        setDetails((d) => ({ ...d, ...got }));
      }
    } finally {
      running.current = false;
    }
  }, [backend]);

  const onVisibleRowsChange = useCallback(
    (rows: WorkspaceRow[]) => {
      // Deleted or missing objects have no content to read.
      wanted.current = rows.filter((w) => w.exists && !w.deleted && !known.current.has(w.name));
      if (wanted.current.length > 0) void pump();
    },
    [pump],
  );

  return { details, onVisibleRowsChange };
}
