"use client";

import { UnexpectedError } from "@/components/ui/unexpected-error";

export default function WorkspaceError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <UnexpectedError {...props} what="This view" hint="Try again, or open another tab; if it keeps failing, the server log has the details under that reference." />;
}
