"use client";
/** The header's estate search box: `/` focuses it from anywhere (not while typing elsewhere); submits to /search. */
import { useEffect, useRef } from "react";

export function SearchBox({ initial = "" }: { initial?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      // A slash typed into a field is text, not a shortcut.
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      e.preventDefault();
      ref.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <form method="get" action="/search" role="search" aria-label="Search every state">
      <label htmlFor="estate-search" className="sr-only">
        Search every state
      </label>
      <input
        ref={ref}
        id="estate-search"
        name="q"
        type="search"
        defaultValue={initial}
        placeholder="Search every state (press /)"
        autoComplete="off"
        spellCheck={false}
        data-testid="header-search"
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      />
    </form>
  );
}
