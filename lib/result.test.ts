import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { toResult } from "./result";
import { parseInput } from "./validate";
import { LockedError } from "./errors";

describe("toResult", () => {
  it("wraps data", async () => {
    expect(await toResult(async () => 42)).toEqual({ ok: true, data: 42 });
  });
  it("keeps typed errors and hides unexpected ones", async () => {
    const locked = await toResult(async () => {
      throw new LockedError([{ id: "i", who: "w", operation: "apply", created: "c", kind: "s3" }]);
    });
    expect(locked).toMatchObject({ ok: false, error: { code: "LOCKED" } });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = await toResult(async () => {
      throw new Error("secret internal detail");
    });
    spy.mockRestore();
    expect(boom).toEqual({ ok: false, error: { code: "INTERNAL", message: expect.not.stringContaining("secret") } });
  });
});

describe("parseInput", () => {
  const schema = z.object({ backend: z.string().min(1), n: z.number().int() });
  it("returns parsed data", () => {
    expect(parseInput(schema, { backend: "a", n: 1 })).toEqual({ backend: "a", n: 1 });
  });
  it("names each bad field", () => {
    expect(() => parseInput(schema, { backend: "", n: 1.5 })).toThrowError(/backend: .*; n: /);
  });
});
