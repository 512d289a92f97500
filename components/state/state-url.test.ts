import { describe, expect, it } from "vitest";
import { openKey, readStateView, stateViewHref } from "./state-url";

describe("state view URL", () => {
  it("round-trips filter, version, folded modules and expanded instances", () => {
    const v = { q: "web", version: "v1", collapse: ["", 'module.a["x,y"]'], open: [openKey("aws_db_instance.db", "0a1b2c3d"), 'aws_instance.web["k"]'] };
    const href = stateViewHref("/b/x/w/default/state", v);
    const back = readStateView(Object.fromEntries([...new URLSearchParams(href.split("?")[1]).keys()].map((k) => [k, new URLSearchParams(href.split("?")[1]).getAll(k)])) as never);
    expect({ ...back, q: v.q, version: v.version }).toEqual(v);
  });
  it("is the bare tab with nothing set", () => {
    expect(stateViewHref("/s", readStateView({}))).toBe("/s");
  });
});
