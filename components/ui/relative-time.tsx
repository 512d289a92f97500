"use client";

import { useEffect, useState } from "react";
import { formatAge } from "@/lib/browser-safe/format";

/**
 * "3 h ago" with the exact UTC time on hover. The server renders the age at render time;
 * the client re-renders every minute so long-open pages stay truthful.
 */
export function RelativeTime({ iso, className }: { iso: string | null | undefined; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  if (!iso) return <span className={className}>—</span>;
  return (
    <time dateTime={iso} title={iso} className={className} suppressHydrationWarning>
      {formatAge(iso, now)}
    </time>
  );
}
