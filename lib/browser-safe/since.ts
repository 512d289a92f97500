/**
 * The Changes page's "since" in the user's own time zone: presets and a local date and time turned
 * into the RFC 3339 text (with the browser's UTC offset) or duration the server's parseSince takes.
 * Pure; the time zone is the runtime's (the browser's), so the server never guesses it.
 */

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");

/** `d` as the local wall-clock time with its offset: 2026-12-06T00:00:00+01:00. */
export function localRfc3339(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  return `${toDateTimeLocal(d)}:${pad(d.getSeconds())}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** The value of an `<input type="datetime-local">` for `d`: 2026-12-06T09:30 (local, minutes). */
export function toDateTimeLocal(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local wall-clock time) as RFC 3339 with the offset in force then; null when malformed. */
export function fromDateTimeLocal(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const t = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  // new Date rolls 2026-02-31 over to March: refuse what is not a real date.
  if (t.getFullYear() !== y || t.getMonth() !== mo - 1 || t.getDate() !== d) return null;
  return localRfc3339(t);
}

/** Local midnight at the start of yesterday. */
export function startOfYesterday(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
}

export interface SincePreset {
  label: string;
  /** What goes in `?since=`, computed at click time in the browser. */
  since: (now: Date) => string;
}

export const SINCE_PRESETS: readonly SincePreset[] = [
  { label: "Last hour", since: () => "1h" },
  { label: "Last 24 hours", since: () => "24h" },
  { label: "Since yesterday", since: (now) => localRfc3339(startOfYesterday(now)) },
  { label: "Last 7 days", since: () => "7d" },
];

/** The default window when the URL names none. */
export const DEFAULT_SINCE = "24h";
