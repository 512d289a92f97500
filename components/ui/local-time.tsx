"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
// The server cannot know the reader's zone: it renders UTC, and the browser re-renders in its own zone.
const serverZone = () => "UTC";

/** An absolute time in the reader's time zone ("Dec 7, 2026, 04:20 PM GMT+9"), its zone named; UTC ISO on hover. */
export function LocalTime({ iso, className, testId = "local-time" }: { iso: string | null | undefined; className?: string; testId?: string }) {
  const zone = useSyncExternalStore(subscribe, browserZone, serverZone);
  if (!iso) return <span className={className}>—</span>;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return <span className={className}>{iso}</span>;
  const text = new Intl.DateTimeFormat(undefined, { timeZone: zone, year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(d);
  return (
    <time dateTime={iso} title={iso} className={className} data-testid={testId} data-time-zone={zone}>
      {text}
    </time>
  );
}
