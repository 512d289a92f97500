"use client";

/**
 * The keyboard shortcuts of every dashboard page: `g` then a letter moves between a workspace's tabs
 * (or to an estate page), `?` lists them in a dialog. `/` (search) lives with the search box.
 * Keys typed into a field are text, never shortcuts.
 */
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/** `g` + key → a workspace tab (found by its tab link on the page, so the layout's href is used as is). */
const TAB_KEYS: Record<string, string> = { s: "state", o: "outputs", v: "versions", d: "diff", l: "lock", h: "history" };
/** `g` + key → an estate page, when no tab of the page answers that key. */
const PAGE_KEYS: Record<string, string> = { b: "/", l: "/locks", p: "/problems", a: "/audit" };

const LIST: { keys: string[]; what: string }[] = [
  { keys: ["/"], what: "Search every state" },
  { keys: ["g", "s"], what: "State tab" },
  { keys: ["g", "o"], what: "Outputs tab" },
  { keys: ["g", "v"], what: "Versions tab" },
  { keys: ["g", "d"], what: "Diff tab" },
  { keys: ["g", "l"], what: "Lock tab (outside a workspace: the Locks page)" },
  { keys: ["g", "b"], what: "Backends" },
  { keys: ["g", "p"], what: "Problems" },
  { keys: ["g", "a"], what: "Audit trail" },
  { keys: ["?"], what: "This list" },
];

const PREFIX_TIMEOUT_MS = 1500;

function typingIn(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return Boolean(t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)));
}

export function KeyboardShortcuts() {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [prefix, setPrefix] = useState(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let awaiting = false;
    const arm = (on: boolean) => {
      awaiting = on;
      setPrefix(on);
      clearTimeout(timer);
      if (on) timer = setTimeout(() => arm(false), PREFIX_TIMEOUT_MS);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typingIn(e.target) || dialog.current?.open) return;
      if (awaiting) {
        arm(false);
        const tab = TAB_KEYS[e.key] && document.querySelector<HTMLAnchorElement>(`a[data-testid="tab-${TAB_KEYS[e.key]}"]`);
        const href = tab ? tab.getAttribute("href") : PAGE_KEYS[e.key];
        if (!href) return;
        e.preventDefault();
        router.push(href);
        return;
      }
      if (e.key === "g") {
        arm(true);
      } else if (e.key === "?") {
        e.preventDefault();
        dialog.current?.showModal();
      }
    };
    window.addEventListener("keydown", onKey);
    // Keys pressed before the page is interactive do nothing (as on any page): this says when they start to work.
    document.documentElement.dataset.shortcuts = "on";
    return () => {
      delete document.documentElement.dataset.shortcuts;
      clearTimeout(timer);
      window.removeEventListener("keydown", onKey);
    };
  }, [router]);

  return (
    <>
      {/* Says that a `g` was heard and the next key picks the page. */}
      <p role="status" aria-live="polite" className={prefix ? "fixed right-4 bottom-4 z-30 rounded-md bg-slate-900 px-3 py-1.5 text-xs text-white shadow-lg" : "sr-only"} data-testid="shortcut-prefix">
        {prefix ? "g … then a letter: s o v d l (tabs), b p a (pages)" : ""}
      </p>
      {/* A native modal dialog: it traps focus, closes on Escape and gives focus back to what had it. */}
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-dialog"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50"
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
          <h2 id="shortcuts-title" className="text-sm font-semibold">
            Keyboard shortcuts
          </h2>
          <form method="dialog">
            <Button type="submit" size="sm" variant="ghost" data-testid="shortcuts-close" autoFocus>
              Close
            </Button>
          </form>
        </div>
        <dl className="divide-y divide-slate-100 px-4 py-2 text-sm">
          {LIST.map((s) => (
            <div key={s.keys.join(" ")} className="flex items-center justify-between gap-4 py-1.5">
              <dt className="text-slate-700">{s.what}</dt>
              <dd className="flex shrink-0 gap-1">
                {s.keys.map((k, i) => (
                  <kbd key={i} className="min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-800">
                    {k}
                  </kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </dialog>
    </>
  );
}
