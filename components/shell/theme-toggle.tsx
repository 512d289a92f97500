"use client";

import { useTheme } from "next-themes";
import { useSyncExternalStore } from "react";
import { cx } from "@/components/ui/cx";

// The stored choice is known only in the browser: the server renders the group with nothing pressed.
const subscribe = () => () => {};
const useMounted = () => useSyncExternalStore(subscribe, () => true, () => false);

const CHOICES = [
  { value: "system", label: "System theme", path: "M3 5h18v11H3zM8 20h8M12 16v4" },
  { value: "light", label: "Light theme", path: "M12 4V2M12 22v-2M4 12H2M22 12h-2M5.6 5.6 4.2 4.2M19.8 19.8l-1.4-1.4M5.6 18.4l-1.4 1.4M19.8 4.2l-1.4 1.4M12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8z" },
  { value: "dark", label: "Dark theme", path: "M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" },
] as const;

/** System, light or dark: the system setting until the user picks one (kept in this browser's localStorage). */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const mounted = useMounted();
  return (
    <div role="group" aria-label="Colour theme" className="flex items-center rounded-md border border-slate-200 p-0.5" data-testid="theme-toggle">
      {CHOICES.map((c) => {
        const pressed = mounted && (theme ?? "system") === c.value;
        return (
          <button
            key={c.value}
            type="button"
            aria-label={c.label}
            title={c.label}
            aria-pressed={mounted ? pressed : undefined}
            onClick={() => setTheme(c.value)}
            data-testid={`theme-${c.value}`}
            className={cx(
              "grid size-7 place-items-center rounded text-slate-500 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600",
              pressed && "bg-slate-100 text-slate-900",
            )}
          >
            <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
              <path d={c.path} />
            </svg>
          </button>
        );
      })}
    </div>
  );
}
