import { describe, expect, it } from "vitest";
import { buildState } from "@/testkit/states";
import { toolStateBytes } from "@/testkit/tool-writer";
import { parseState } from "./parse";
import { LARGE_STATE_BYTES, parseLargeV4 } from "./parse-large";
import { findTopLevelMember } from "./json-scan";
import type { ParsedState } from "./types";

const wholeParse = (bytes: Uint8Array): ParsedState => {
  // Below the threshold parseState parses whole: the reference.
  const r = parseState(bytes);
  if (r.kind !== "state") throw new Error(r.kind);
  return r.state;
};

/** Every field of every instance, attributes read through whatever the instance holds. */
function plain(s: ParsedState) {
  return {
    ...s,
    resources: s.resources.map((r) => ({ ...r, instances: r.instances.map((i) => ({ ...i, attributes: i.attributes })) })),
  };
}

describe("parseLargeV4", () => {
  it("reads a state exactly as the whole parse does, attributes included", () => {
    const bytes = toolStateBytes("terraform", buildState({ seed: 9, webServers: 40 }));
    expect(bytes.length).toBeLessThan(LARGE_STATE_BYTES);
    const span = findTopLevelMember(bytes, "resources")!;
    const large = parseLargeV4(bytes, bytes.length, span).state;
    expect(plain(large)).toEqual(plain(wholeParse(bytes)));
    // Each read of the attributes is a fresh value: a caller mutating it changes nothing kept.
    const i = large.resources.find((r) => r.instances.length > 0)!.instances[0]!;
    (i.attributes as Record<string, unknown>).id = "changed";
    expect((i.attributes as Record<string, unknown>).id).not.toBe("changed");
  });

  it("is what parseState uses for a big state, with big serials exact and the same answers for bad content", () => {
    const servers = 30_000;
    const doc = buildState({ seed: 4, webServers: servers });
    const text = new TextDecoder().decode(toolStateBytes("terraform", doc)).replace(/"serial": \d+/, '"serial": 99999999999999999999');
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeGreaterThan(LARGE_STATE_BYTES);
    const r = parseState(bytes);
    if (r.kind !== "state") throw new Error(r.kind);
    expect(r.state.serial).toBe(99999999999999999999n);
    const web = r.state.resources.find((x) => x.address === "module.app.aws_instance.web")!;
    expect(web.instances).toHaveLength(servers);
    expect((web.instances[servers - 1]!.attributes as { tags: { Name: string } }).tags.Name).toBe(`web-${servers - 1}`);
    // Cut short, or made invalid inside one resource: the same corrupt answer as a whole parse.
    expect(parseState(bytes.subarray(0, bytes.length - 10)).kind).toBe("corrupt");
    const broken = new TextEncoder().encode(text.replace('"web-7"', '"web-7" oops'));
    expect(parseState(broken)).toMatchObject({ kind: "corrupt" });
    const badMode = new TextEncoder().encode(text.replace('"mode": "managed"', '"mode": "sideways"'));
    expect(parseState(badMode)).toMatchObject({ kind: "corrupt", message: expect.stringContaining("Invalid state (format version 4)") });
  });
});
