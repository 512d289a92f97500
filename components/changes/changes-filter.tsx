"use client";
/**
 * The Changes page's window and filters, all in the URL (shareable): a preset or a date and time in
 * the user's own time zone (sent with its UTC offset), a backend, a workspace.
 */
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { fromDateTimeLocal, SINCE_PRESETS, toDateTimeLocal } from "@/lib/browser-safe/since";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";

interface Props {
  /** The `since` of the URL as given, and the instant the server resolved it to. */
  since: string;
  sinceIso: string | null;
  backend: string;
  workspace: string;
  backends: string[];
}

const field = "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-sky-600 focus:outline-none";

export function changesHref(p: { since: string; backend?: string; workspace?: string }): string {
  const q = new URLSearchParams({ since: p.since });
  if (p.backend) q.set("backend", p.backend);
  if (p.workspace) q.set("workspace", p.workspace);
  return `/changes?${q.toString()}`;
}

export function ChangesFilter({ since, sinceIso, backend, workspace, backends }: Props) {
  const router = useRouter();
  const [at, setAt] = useState(() => (sinceIso ? toDateTimeLocal(new Date(sinceIso)) : ""));
  const [ws, setWs] = useState(workspace);
  const [be, setBe] = useState(backend);
  const [problem, setProblem] = useState<string | null>(null);
  const go = (s: string, b = be, w = ws) => router.push(changesHref({ since: s, backend: b, workspace: w.trim() }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const s = fromDateTimeLocal(at);
    if (!s) {
      setProblem("Pick a date and time.");
      return;
    }
    setProblem(null);
    // The window as shown when the time was not touched (a preset keeps its meaning: "the last hour" from now).
    go(sinceIso && at === toDateTimeLocal(new Date(sinceIso)) ? since : s);
  }

  return (
    <form onSubmit={submit} className="space-y-2" data-testid="changes-filter" aria-label="Window and filters">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-700">Since</span>
        {SINCE_PRESETS.map((p) => {
          const value = p.since(new Date());
          // Durations only: "since yesterday" depends on the time zone, which the server rendering this does not know.
          const active = !value.includes("T") && value === since;
          return (
            <button
              key={p.label}
              type="button"
              onClick={() => go(p.since(new Date()))}
              aria-pressed={active}
              data-testid="since-preset"
              className={cx("h-7 rounded-md border px-2 text-xs font-medium", active ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100")}
            >
              {p.label}
            </button>
          );
        })}
        <label className="ml-2 flex items-center gap-1 text-sm text-slate-700">
          or from
          <input type="datetime-local" step={60} value={at} onChange={(e) => setAt(e.target.value)} className={field} data-testid="since-at" aria-label="From date and time (your time zone)" />
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-sm text-slate-700">
          Backend
          <select value={be} onChange={(e) => setBe(e.target.value)} className={field} data-testid="changes-backend">
            <option value="">All backends</option>
            {backends.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm text-slate-700">
          Workspace
          <input type="text" value={ws} onChange={(e) => setWs(e.target.value)} placeholder="any" className={cx(field, "w-56 font-mono")} data-testid="changes-workspace" />
        </label>
        <Button type="submit" size="sm" data-testid="changes-apply">
          Show
        </Button>
        {problem && (
          <span role="alert" className="text-xs text-red-700">
            {problem}
          </span>
        )}
      </div>
    </form>
  );
}
