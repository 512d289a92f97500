import { describe, expect, it } from "vitest";
import { openBackend } from "./context";
import type { BackendDefinition } from "@/lib/config/types";

const def = (options: Partial<BackendDefinition["options"]> = {}, name = "net"): BackendDefinition => ({
  name,
  source: "test",
  options: { bucket: "b", key: "k", workspace_key_prefix: "env:", region: "us-east-1", access_key: "a", secret_key: "s", ...options },
});

describe("openBackend", () => {
  it("reuses the clients for the same name and equal options (whatever the key order)", () => {
    const a = openBackend(def({ dynamodb_table: "t", use_path_style: true }));
    const b = openBackend({ ...def(), options: { use_path_style: true, dynamodb_table: "t", ...def().options } });
    expect(b).toBe(a);
    expect(a.ddb).not.toBeNull();
  });
  it("opens anew when the options or the name differ; no DynamoDB client without a table", () => {
    const a = openBackend(def({ dynamodb_table: "t" }));
    expect(openBackend(def({ dynamodb_table: "u" }))).not.toBe(a);
    expect(openBackend(def({ dynamodb_table: "t" }, "other"))).not.toBe(a);
    expect(openBackend(def()).ddb).toBeNull();
  });
  it("stays bounded: the least recently used backend is dropped", () => {
    const first = openBackend(def({}, "lru-0"));
    for (let i = 1; i <= 64; i++) openBackend(def({}, `lru-${i}`));
    expect(openBackend(def({}, "lru-0"))).not.toBe(first);
  });
});
