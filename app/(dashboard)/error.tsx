"use client";

import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";

/**
 * Unexpected failures only: expected ones (access denied, missing bucket...) are rendered by the
 * pages themselves with their hint. Production builds hide the message, so say what to try.
 */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState
      error={{
        code: "INTERNAL",
        message: `This page failed to load${error.digest ? ` (reference ${error.digest})` : ""}.`,
        hint: "Try again; if it keeps failing, the server log has the details under that reference.",
      }}
      action={
        <Button size="sm" onClick={reset}>
          Try again
        </Button>
      }
    />
  );
}
