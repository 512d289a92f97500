import { CopyButton } from "./copy-button";

/** Preformatted text with a copy button (snippets, policies, JSON). */
export function CodeBlock({ code, label, testId }: { code: string; label: string; testId?: string }) {
  return (
    <div className="relative" data-testid={testId}>
      <div className="absolute top-2 right-2">
        <CopyButton text={code} label={`Copy ${label}`} />
      </div>
      <pre tabIndex={0} aria-label={label} className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-code p-3 pr-20 font-mono text-xs leading-relaxed text-code-fg">
        <code>{code}</code>
      </pre>
    </div>
  );
}
