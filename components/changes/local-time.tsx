"use client";

import { useSyncExternalStore } from "react";
import { formatAge } from "@/lib/browser-safe/format";

const FORMAT = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" });
const noSubscription = () => () => undefined;

/**
 * A time in the user's own time zone ("6 Dec 2026, 14:03:12 CET"), with its age and the UTC time
 * on hover. The server does not know the zone: it renders the UTC time, replaced once in the browser.
 */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={`${iso} (${formatAge(iso)})`} className={className}>
      {inBrowser ? FORMAT.format(d) : `${iso.slice(0, 19).replace("T", " ")} UTC`}
    </time>
  );
}
