import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fromDateTimeLocal, localRfc3339, SINCE_PRESETS, startOfYesterday, toDateTimeLocal } from "./since";

// The helpers read the runtime's time zone; each case pins one (Node re-reads TZ when it changes).
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.TZ;
});
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

describe("since in the user's time zone", () => {
  it("writes local wall-clock times with the offset in force, east and west of UTC", () => {
    process.env.TZ = "Europe/Paris";
    expect(localRfc3339(new Date("2026-12-06T23:30:05Z"))).toBe("2026-12-07T00:30:05+01:00");
    expect(localRfc3339(new Date("2026-07-01T12:00:00Z"))).toBe("2026-07-01T14:00:00+02:00");
    process.env.TZ = "America/St_Johns";
    expect(localRfc3339(new Date("2026-12-06T12:00:00Z"))).toBe("2026-12-06T08:30:00-03:30");
  });

  it("reads a datetime-local value as local time and round-trips to the same instant", () => {
    process.env.TZ = "Asia/Kolkata";
    const rfc = fromDateTimeLocal("2026-12-06T09:15");
    expect(rfc).toBe("2026-12-06T09:15:00+05:30");
    expect(new Date(rfc!).toISOString()).toBe("2026-12-06T03:45:00.000Z");
    expect(toDateTimeLocal(new Date(rfc!))).toBe("2026-12-06T09:15");
    expect(fromDateTimeLocal("2026-02-31T10:00")).toBeNull();
    expect(fromDateTimeLocal("yesterday")).toBeNull();
  });

  it("starts yesterday at local midnight, across a month boundary", () => {
    process.env.TZ = "America/Los_Angeles";
    // 2026-12-01 07:00 UTC is still 30 November, 23:00, in Los Angeles.
    const y = startOfYesterday(new Date("2026-12-01T07:00:00Z"));
    expect(localRfc3339(y)).toBe("2026-11-29T00:00:00-08:00");
    const preset = SINCE_PRESETS.find((p) => p.label === "Since yesterday")!;
    expect(preset.since(new Date("2026-12-01T07:00:00Z"))).toBe("2026-11-29T00:00:00-08:00");
  });
});
