import { expect } from "vitest";
import { ConfigError } from "@/lib/errors";

/** The ConfigError a promise rejects with; fails the test on any other outcome. */
export async function configError(p: Promise<unknown>): Promise<ConfigError> {
  const outcome = await p.then(
    () => new Error("expected a ConfigError, but it resolved"),
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(ConfigError);
  return outcome as ConfigError;
}
