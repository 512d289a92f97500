"use client";

import { useState, useTransition } from "react";
import type { ErrorPayload } from "@/lib/errors";
import type { ActionResult } from "@/lib/result";

/**
 * Runs a write action (restore, break lock, repair digest) in a transition: `pending` drives the
 * progress indicator, a refused or failed write lands in `error` for the form to show with its
 * hint, and `onDone` gets the data of a successful one.
 */
export function useWriteAction<T>(onDone: (data: T) => void) {
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [pending, startTransition] = useTransition();
  function run(call: () => Promise<ActionResult<T>>) {
    setError(null);
    startTransition(async () => {
      const r = await call();
      if (r.ok) onDone(r.data);
      else setError(r.error);
    });
  }
  return { run, error, pending };
}
