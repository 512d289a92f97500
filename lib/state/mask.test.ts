import { describe, expect, it } from "vitest";
import { maskValue, SENSITIVE_MARKER } from "./mask";

describe("maskValue", () => {
  const attrs = { id: "x", password: "pw", list: ["a", "secret"], tags: { public: "p", token: "t" }, nested: [{ k: "v" }] };

  it("replaces exactly the sensitive paths, copying only what it changes", () => {
    const masked = maskValue(attrs, [["password"], ["list", 1], ["tags", "token"], ["nested", "0", "k"]]) as typeof attrs;
    expect(masked).toEqual({ id: "x", password: SENSITIVE_MARKER, list: ["a", SENSITIVE_MARKER], tags: { public: "p", token: SENSITIVE_MARKER }, nested: [{ k: SENSITIVE_MARKER }] });
    expect(attrs.password).toBe("pw");
    expect(attrs.list[1]).toBe("secret");
    const partial = maskValue(attrs, [["password"]]) as typeof attrs;
    expect(partial.tags).toBe(attrs.tags);
  });

  it("masks whole subtrees and the whole value", () => {
    expect(maskValue(attrs, [["tags"]])).toMatchObject({ tags: SENSITIVE_MARKER });
    expect(maskValue(attrs, [[]])).toBe(SENSITIVE_MARKER);
    expect(JSON.stringify(maskValue(attrs, [["tags"], ["tags", "token"]]))).not.toContain('"t"');
  });

  it("leaves values untouched when no path applies and does not invent keys", () => {
    expect(maskValue(attrs, [])).toBe(attrs);
    expect(maskValue(attrs, [["missing"], ["id", "deeper"]])).toBe(attrs);
  });
});
