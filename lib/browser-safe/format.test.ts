import { describe, expect, it } from "vitest";
import { formatAge, formatBytes } from "./format";

describe("formatBytes", () => {
  it("formats bytes in binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(30 * 1024 * 1024)).toBe("30 MiB");
  });
  it("shows a dash for unknown sizes", () => {
    expect(formatBytes(null)).toBe("—");
    expect(formatBytes(undefined)).toBe("—");
  });
});

describe("formatAge", () => {
  const now = Date.parse("2026-06-11T12:00:00Z");
  it("formats past ages", () => {
    expect(formatAge("2026-06-11T11:59:18Z", now)).toBe("42 s ago");
    expect(formatAge("2026-06-11T09:00:00Z", now)).toBe("3 h ago");
    expect(formatAge("2026-06-01T12:00:00Z", now)).toBe("10 d ago");
    expect(formatAge("2024-06-11T12:00:00Z", now)).toBe("2 y ago");
  });
  it("formats future timestamps (clock skew) and garbage", () => {
    expect(formatAge("2026-06-11T12:05:00Z", now)).toBe("in 5 min");
    expect(formatAge("not a date", now)).toBe("—");
    expect(formatAge(null, now)).toBe("—");
  });
});
