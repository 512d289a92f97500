/**
 * The estate search index's size in the Prometheus metrics: the process's one index (estateSearch)
 * reports bytes, instances and workspaces at scrape time, and the figures follow what it holds.
 */
import { describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { estateSearch } from "@/lib/domain/search";
import { invalidateListing } from "@/lib/domain/workspaces";
import { metrics } from "@/lib/observability/metrics";
import { createBucket, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";

/** The value of an unlabelled gauge in the exposition text, or null when it has no sample. */
function sample(text: string, name: string): number | null {
  const m = new RegExp(`^${name} (\\S+)$`, "m").exec(text);
  return m ? Number(m[1]) : null;
}

describe("search index size in the metrics", () => {
  it("reports the process index's bytes, instances and workspaces as they grow and shrink", async () => {
    const bucket = uniqueName("metrics-search");
    await createBucket(bucket, { versioning: "Enabled" });
    const ctx = openBackend(testDefinition("metrics-search", testOptions({ bucket })));
    const writer = new ToolWriter(ctx);
    await writer.apply("default", buildState({ seed: 11, lineage: lineageFor(11) }));
    await writer.apply("prod", buildState({ seed: 12, lineage: lineageFor(12), webServers: 40 }));

    const search = estateSearch();
    await search.refresh([ctx]);
    const full = await metrics().registry.metrics();
    expect(full).toContain("# TYPE statehouse_search_index_bytes gauge");
    const instances = sample(full, "statehouse_search_index_instances");
    expect(instances).toBe(search.index.instanceCount);
    expect(instances).toBeGreaterThan(40);
    expect(sample(full, "statehouse_search_index_workspaces")).toBe(2);
    expect(sample(full, "statehouse_search_index_bytes")).toBe(search.index.bytes);
    expect(sample(full, "statehouse_search_index_bytes")).toBeGreaterThan(0);
    expect(sample(full, "statehouse_search_index_budget_bytes")).toBe(search.index.budgetBytes);
    // Names from the estate never become labels.
    expect(full).not.toContain("prod\"");

    await writer.deleteWorkspace("prod");
    // The process index lists from the listing the pages share (at most LISTING_TTL_MS old): forget it rather than wait.
    invalidateListing(ctx);
    await search.refresh([ctx]);
    const after = await metrics().registry.metrics();
    expect(sample(after, "statehouse_search_index_workspaces")).toBe(1);
    expect(sample(after, "statehouse_search_index_instances")).toBeLessThan(instances! - 40);
    expect(sample(after, "statehouse_search_index_bytes")).toBeLessThan(sample(full, "statehouse_search_index_bytes")!);
  });
});
