"use client";

// A confirmation that stays on screen after a write: announced through a live region and focused,
// so keyboard and screen-reader users are not left on <body> when the form that acted disappears.
import { useEffect, useRef, type ReactNode } from "react";

export function LiveNotice({ children, tone = "success", testId }: { children: ReactNode; tone?: "success" | "error"; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const colors = tone === "success" ? "border-emerald-300 bg-emerald-50 text-emerald-950" : "border-red-300 bg-red-50 text-red-950";
  return (
    <div ref={ref} tabIndex={-1} role={tone === "success" ? "status" : "alert"} aria-live={tone === "success" ? "polite" : "assertive"} data-testid={testId} className={`rounded-lg border px-4 py-3 text-sm outline-none focus-visible:ring-2 ${colors}`}>
      {children}
    </div>
  );
}
