"use client";

import { useRef, useState, useTransition } from "react";
import type { ErrorPayload } from "@/lib/errors";
import type { ActionResult } from "@/lib/result";

/**
 * Runs a write action (restore, break lock, repair digest) in a transition: `pending` drives the
 * progress indicator, a refused or failed write lands in `error` for the form to show with its
 * hint, and `onDone` gets the data of a successful one. A write that succeeded but whose audit
 * event could not be stored comes back with `auditWarning`: the form shows it and `onDone` waits
 * for `acknowledge()`, because the user who acted is the one who can report the missing record.
 */
export function useWriteAction<T>(onDone: (data: T) => void) {
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [auditWarning, setAuditWarning] = useState<ErrorPayload | null>(null);
  const [pending, startTransition] = useTransition();
  const done = useRef<T | null>(null);
  function run(call: () => Promise<ActionResult<T & { auditWarning?: ErrorPayload }>>) {
    setError(null);
    setAuditWarning(null);
    startTransition(async () => {
      const r = await call();
      if (!r.ok) return setError(r.error);
      if (r.data.auditWarning) {
        done.current = r.data;
        setAuditWarning(r.data.auditWarning);
      } else onDone(r.data);
    });
  }
  function acknowledge() {
    setAuditWarning(null);
    if (done.current !== null) onDone(done.current);
    done.current = null;
  }
  return { run, error, pending, auditWarning, acknowledge };
}
