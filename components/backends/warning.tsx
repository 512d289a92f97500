import type { ReactNode } from "react";

export function Warning({ children }: { children: ReactNode }) {
  return (
    <p role="note" data-testid="backend-warning" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <span aria-hidden>⚠ </span>
      {children}
    </p>
  );
}
