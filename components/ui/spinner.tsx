import { cx } from "./cx";

export function Spinner({ label = "Loading", className }: { label?: string; className?: string }) {
  return (
    <span role="status" className={cx("inline-flex items-center gap-1.5 text-xs text-slate-500", className)}>
      <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-slate-300 border-t-slate-700" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** Determinate progress (value of max), or indeterminate when value is undefined. */
export function Progress({ value, max = 100, label }: { value?: number; max?: number; label: string }) {
  const pct = value === undefined || max <= 0 ? undefined : Math.min(100, Math.round((value / max) * 100));
  return (
    <div className="w-full" data-testid="progress">
      <div className="mb-1 flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        {pct !== undefined && <span>{pct}%</span>}
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} className="h-1.5 overflow-hidden rounded bg-slate-200">
        <div className={cx("h-full rounded bg-sky-600", pct === undefined && "w-1/3 animate-pulse")} style={pct === undefined ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}
