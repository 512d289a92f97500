import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath (sign-in callbackUrl)", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeCallbackPath("/b/prod-network/w/default/state?q=aws_vpc#x")).toBe("/b/prod-network/w/default/state?q=aws_vpc#x");
    expect(safeCallbackPath("/")).toBe("/");
  });
  it.each([
    undefined,
    "",
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    // Browsers drop tabs and newlines anywhere in a URL, so these become //evil.example.
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\\evil.example/",
    "\t//evil.example/",
    "javascript:alert(1)",
    "b/relative",
  ])("sends %j home", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });
  it("every result resolves on the site's own origin", () => {
    for (const v of ["/a/../../b", "/%2F%2Fevil.example", "/.//evil.example"]) {
      expect(new URL(safeCallbackPath(v), "https://statehouse.example").origin).toBe("https://statehouse.example");
    }
  });
});
