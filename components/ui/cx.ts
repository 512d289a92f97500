/** Joins class names, skipping falsy ones (enough for conditional Tailwind classes without a dependency). */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}
