import type { z } from "zod";
import { InvalidInputError } from "./errors";

/** Parses untrusted input with a zod schema; failures become an InvalidInputError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ field: i.path.join(".") || "(input)", message: i.message }));
  throw new InvalidInputError(`Invalid input: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`, { issues });
}
