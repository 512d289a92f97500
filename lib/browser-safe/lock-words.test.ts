import { describe, expect, it } from "vitest";
import { lockSeverity, operationWords } from "./lock-words";

describe("operationWords", () => {
  it("names the tools' operations in words", () => {
    expect(operationWords("OperationTypeApply")).toBe("apply");
    expect(operationWords("OperationTypePlan")).toBe("plan");
    expect(operationWords("OperationTypeInvalid")).toBe("unknown");
    expect(operationWords("state mv")).toBe("state mv");
    expect(operationWords("")).toBe("unknown");
  });
});

describe("lockSeverity", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  it("tells a running plan from a dead lock", () => {
    expect(lockSeverity("2026-01-10T11:44:00Z", now)).toBe("fresh");
    expect(lockSeverity("2026-01-10T02:00:00Z", now)).toBe("old");
    expect(lockSeverity("2026-01-07T12:00:00Z", now)).toBe("stale");
    expect(lockSeverity("not a time", now)).toBe("stale");
  });
});
