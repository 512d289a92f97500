"use client";
/** Re-renders the server page every interval while `active` (an index build under way); renders nothing. */
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function RefreshWhile({ active, everyMs = 1500 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [active, everyMs, router]);
  return null;
}
