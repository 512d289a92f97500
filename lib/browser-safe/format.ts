/**
 * Human formatting shared by the dashboard and the CLI (sizes, ages), so both say the same thing.
 */

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

/** 1536 → "1.5 KiB"; null → "—". Binary units because S3 sizes are bytes and operators think in KiB/MiB. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${UNITS[u]}`;
}

const STEPS: [limitSeconds: number, divisor: number, unit: string][] = [
  [60, 1, "s"],
  [3600, 60, "min"],
  [86400, 3600, "h"],
  [86400 * 60, 86400, "d"],
  [86400 * 730, 86400 * 30, "mo"],
  [Infinity, 86400 * 365, "y"],
];

/** Age of an ISO timestamp relative to `now`: "42 s ago", "3 h ago", "in 5 min" (clock skew), "—" if unparseable. */
export function formatAge(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "—";
  const diff = Math.round((now - t) / 1000);
  const abs = Math.abs(diff);
  for (const [limit, div, unit] of STEPS) {
    if (abs < limit) {
      const v = Math.floor(abs / div);
      return diff >= 0 ? `${v} ${unit} ago` : `in ${v} ${unit}`;
    }
  }
  return "—";
}
