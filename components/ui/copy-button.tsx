"use client";

import { useState } from "react";
import { Button } from "./button";

/** Copies `text` to the clipboard and says so; `label` names what is copied for screen readers. */
export function CopyButton({ text, label = "Copy", testId = "copy-button", compact = false }: { text: string; label?: string; testId?: string; compact?: boolean }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // Clipboard API needs a secure context; plain-http deployments land here.
      setState("failed");
    }
    setTimeout(() => setState("idle"), 1500);
  }
  return (
    <Button size="sm" variant="secondary" onClick={copy} aria-label={label} data-testid={testId} data-copy-state={state}>
      {compact ? (state === "copied" ? "✓" : state === "failed" ? "!" : "⧉") : state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
    </Button>
  );
}
