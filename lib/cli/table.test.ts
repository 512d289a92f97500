import { describe, expect, it } from "vitest";
import { colorEnabled, renderTable } from "./table";

describe("renderTable", () => {
  const cols = [{ header: "NAME" }, { header: "SIZE", right: true }, { header: "LOCK" }];
  it("aligns columns, right-aligns numbers and trims trailing spaces", () => {
    expect(renderTable(cols, [["default", "1.5 KiB", ""], ["prod-eu", "12 B", { text: "locked", tone: "warn" }]], false)).toBe(
      ["NAME        SIZE  LOCK", "default  1.5 KiB", "prod-eu     12 B  locked", ""].join("\n"),
    );
  });
  it("escapes control characters of cells before colouring them", () => {
    const out = renderTable(cols, [["a\x1b[2Jb\n", "1 B", { text: "\x9b1m", tone: "warn" }]], true);
    expect(out).toContain("a\\u001b[2Jb\\u000a");
    expect(out).toContain("\x1b[33m\\u009b1m\x1b[39m");
  });
  it("colours only when asked", () => {
    const out = renderTable(cols, [["a", "1 B", { text: "locked", tone: "warn" }]], true);
    expect(out).toContain("\x1b[33mlocked\x1b[39m");
    expect(out).toContain("\x1b[1mNAME\x1b[22m");
  });
});

describe("colorEnabled", () => {
  it("is off unless stdout is a terminal, and NO_COLOR turns it off", () => {
    expect(colorEnabled({ write: () => true }, {})).toBe(false);
    expect(colorEnabled({ write: () => true, isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ write: () => true, isTTY: true }, { NO_COLOR: "1" })).toBe(false);
  });
});
