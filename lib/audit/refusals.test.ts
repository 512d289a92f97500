import { describe, expect, it } from "vitest";
import type { AuditEventInput } from "@/lib/audit/event";
import { newAuditEvent } from "@/lib/audit/event";
import { RefusalAggregator } from "@/lib/audit/refusals";

function refusal(who: string, workspace = "prod"): AuditEventInput {
  return {
    who: { id: who, name: who },
    role: "viewer",
    backend: "net",
    workspace,
    action: "restore",
    target: { versionId: "v1" },
    result: "refused",
    error: { code: "FORBIDDEN", message: "needs admin" },
  };
}

function setup(windowMs: number, maxTracked = 100) {
  let clock = Date.parse("2026-01-01T00:00:00Z");
  const written: AuditEventInput[] = [];
  // Every written event must be a valid audit event: the aggregated ones included.
  const aggregator = new RefusalAggregator(
    async (e) => {
      newAuditEvent(e);
      written.push(e);
    },
    { windowMs, maxTracked, now: () => clock },
  );
  return { aggregator, written, tick: (ms: number) => (clock += ms) };
}

const total = (events: AuditEventInput[]) => events.reduce((n, e) => n + (e.count ?? 1), 0);

describe("RefusalAggregator", () => {
  it("writes 100 refusals in one window as two events whose counts add up to 100", async () => {
    const { aggregator, written } = setup(60_000);
    for (let i = 0; i < 100; i++) await aggregator.refused(refusal("local:v"));
    expect(written).toHaveLength(1);
    await aggregator.flushAll();
    expect(written).toHaveLength(2);
    expect(written[1]).toMatchObject({ count: 99, result: "refused", who: { id: "local:v" } });
    expect(total(written)).toBe(100);
  });

  it("writes a window's count when the next window opens", async () => {
    const { aggregator, written, tick } = setup(1000);
    for (let i = 0; i < 100; i++) {
      await aggregator.refused(refusal("local:v"));
      tick(50); // 20 per window: 5 windows
    }
    await aggregator.flushAll();
    expect(written.length).toBe(10);
    expect(total(written)).toBe(100);
  });

  it("keeps users and targets apart", async () => {
    const { aggregator, written } = setup(60_000);
    await aggregator.refused(refusal("local:a"));
    await aggregator.refused(refusal("local:b"));
    await aggregator.refused(refusal("local:a", "staging"));
    await aggregator.refused(refusal("local:a"));
    expect(written.map((e) => [e.who.id, e.workspace])).toEqual([
      ["local:a", "prod"],
      ["local:b", "prod"],
      ["local:a", "staging"],
    ]);
    await aggregator.flushAll();
    expect(written.at(-1)).toMatchObject({ who: { id: "local:a" }, workspace: "prod", count: 1 });
  });

  it("holds at most maxTracked keys, writing the oldest's count when it must forget it", async () => {
    const { aggregator, written } = setup(60_000, 10);
    for (let round = 0; round < 3; round++) for (let u = 0; u < 50; u++) await aggregator.refused(refusal(`local:u${u}`));
    expect(aggregator.size).toBeLessThanOrEqual(10);
    await aggregator.flushAll();
    expect(total(written)).toBe(150);
  });

  it("writes a pending count by itself when the window closes", async () => {
    const written: AuditEventInput[] = [];
    const aggregator = new RefusalAggregator(async (e) => void written.push(e), { windowMs: 50, maxTracked: 10 });
    await aggregator.refused(refusal("local:v"));
    await aggregator.refused(refusal("local:v"));
    await expect.poll(() => written.length).toBe(2);
    expect(written[1]!.count).toBe(1);
  });
});
