/** "N more in backends you may not view": counted, never named (lib/dependencies/scope.ts). */
export function HiddenNote({ count, what }: { count: number; what: string }) {
  if (count === 0) return null;
  return (
    <li className="text-slate-600" data-testid="hidden-dependencies">
      {count === 1 ? `1 more ${what}` : `${count} more ${what}s`} in backends you may not view.
    </li>
  );
}
