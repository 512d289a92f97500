import { describe, expect, it } from "vitest";
import { colorEnabled, renderTable, writeTable } from "./table";

const cols = [{ header: "NAME" }, { header: "SIZE", right: true }, { header: "LOCK" }];

describe("renderTable", () => {
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

describe("writeTable", () => {
  it("sizes a million rows without spreading them into one call, and counts code points", async () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => [`r${i}`, "1 B", ""]);
    rows.push(["😀😀", "1 B", ""]);
    let out = "";
    await writeTable({ write: (s: string) => ((out += s), true) }, cols, rows, false);
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(1_000_002);
    // "r999999" is the widest name (7), the emoji pair counts 2 columns.
    expect(lines[0]).toBe("NAME     SIZE  LOCK");
    expect(lines.at(-1)).toBe("😀😀        1 B");
  });
  it("waits for drain when the stream asks to", async () => {
    const events: string[] = [];
    let drain: (() => void) | undefined;
    const done = writeTable(
      { write: (s: string) => (events.push(`write ${s.length}`), false), once: (_e, l) => (drain = l) },
      cols,
      Array.from({ length: 20_000 }, () => ["name", "1 B", "locked"]),
      false,
    );
    await new Promise((r) => setImmediate(r));
    expect(events).toHaveLength(1);
    drain!();
    await new Promise((r) => setImmediate(r));
    expect(events).toHaveLength(2);
    for (let i = 0; i < 10 && drain; i++) {
      const d = drain;
      drain = undefined;
      d();
      await new Promise((r) => setImmediate(r));
    }
    await done;
    expect(events.length).toBeGreaterThan(3);
  });
});
