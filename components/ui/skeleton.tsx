import { cx } from "./cx";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cx("animate-pulse rounded bg-slate-200", className ?? "h-4 w-full")} />;
}

/** A block of placeholder rows for a table or list that is loading. */
export function SkeletonRows({ rows = 6, label = "Loading…" }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-2" data-testid="skeleton">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={cx("h-6", i % 3 === 2 ? "w-2/3" : "w-full")} />
      ))}
    </div>
  );
}
