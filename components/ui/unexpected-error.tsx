"use client";

import { Button } from "./button";
import { ErrorState } from "./error-state";

/**
 * For error.tsx boundaries: unexpected failures only (pages render expected errors with their
 * hint). Production builds hide the message, so give the digest the server log is keyed by.
 */
export function UnexpectedError({ error, reset, what, hint }: { error: Error & { digest?: string }; reset: () => void; what: string; hint: string }) {
  return (
    <>
      <title>{`${what} failed to load · Statehouse`}</title>
      <ErrorState
        error={{ code: "INTERNAL", message: `${what} failed to load${error.digest ? ` (reference ${error.digest})` : ""}.`, hint }}
        action={
          <Button size="sm" onClick={reset}>
            Try again
          </Button>
        }
      />
    </>
  );
}
