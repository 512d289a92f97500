import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/errors";
import { parseByteSize } from "./byte-size";

describe("parseByteSize", () => {
  it("reads bytes and units, binary and decimal", () => {
    expect(parseByteSize(1000, "x")).toBe(1000);
    expect(parseByteSize("512MiB", "x")).toBe(512 * 1024 * 1024);
    expect(parseByteSize("300 MB", "x")).toBe(300_000_000);
    expect(parseByteSize("1.5KiB", "x")).toBe(1536);
    expect(parseByteSize("2048", "x")).toBe(2048);
  });
  it("refuses what is not a size, naming the option", () => {
    for (const v of ["", "lots", "-1", "10 parsecs", 0, 1.5]) expect(() => parseByteSize(v, "max_state_size")).toThrow(ConfigError);
  });
});
