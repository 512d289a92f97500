/** The number beside "Problems" in the header (nothing when there are none). */
export function ProblemCountBubble({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="ml-1 rounded-full bg-red-100 px-1.5 text-xs font-semibold text-red-800 tabular-nums" data-testid="problem-count">
      {count}
    </span>
  );
}
