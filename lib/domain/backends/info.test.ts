import { describe, expect, it } from "vitest";
import { versioningWarning } from "./info";

describe("backend info", () => {
  it("warns about missing versioning", () => {
    expect(versioningWarning("Enabled")).toBeNull();
    expect(versioningWarning("Disabled")).toMatch(/off.*recovery is impossible/);
    expect(versioningWarning("Suspended")).toMatch(/suspended.*recovery is impossible/);
  });
});
