"use client";

import { UnexpectedError } from "@/components/ui/unexpected-error";

export default function DashboardError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <UnexpectedError {...props} what="This page" hint="Try again; if it keeps failing, the server log has the details under that reference." />;
}
