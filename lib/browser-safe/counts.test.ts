import { describe, expect, it } from "vitest";
import { countOf, countsPhrase, stateCounts } from "./counts";

describe("counts", () => {
  it("counts resource blocks and their instances apart", () => {
    const c = stateCounts({ resources: [{ instances: [1, 2, 3] }, { instances: [1] }, { instances: [] }] });
    expect(c).toEqual({ resources: 3, instances: 4 });
    expect(countsPhrase(c)).toBe("3 resources, 4 instances");
  });
  it("says one in the singular and groups thousands", () => {
    expect(countOf(1, "resource")).toBe("1 resource");
    expect(countOf(1_000_000, "instance")).toBe("1,000,000 instances");
  });
});
