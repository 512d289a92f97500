/**
 * Confirmation before a write, worded like terraform's prompts: only "yes" confirms, and with no
 * way to ask (no input) the answer is no.
 */
import type { CliIo } from "./io";

export async function confirmed(io: CliIo, question: string, explanation: string): Promise<boolean> {
  if (!io.ask) return false;
  io.stderr.write(`${question}\n  ${explanation}\n  Only 'yes' will be accepted to confirm.\n\n`);
  const answer = await io.ask("  Enter a value: ");
  io.stderr.write("\n");
  return answer.trim() === "yes";
}
