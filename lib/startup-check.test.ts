import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkStartup } from "@/lib/startup-check";

function configFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "statehouse-startup-")), "statehouse.config.json");
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe("checkStartup", () => {
  const good = configFile({ backends: [] });

  it("refuses production without NEXTAUTH_SECRET, naming it and how to make one", async () => {
    const problem = await checkStartup({ NODE_ENV: "production", STATEHOUSE_CONFIG: good });
    expect(problem).toContain("NEXTAUTH_SECRET");
    expect(problem).toContain("openssl rand -base64 32");
  });

  it("refuses production with a config that does not validate, with the config error", async () => {
    const bad = configFile({ backends: [], audit: { s3: { bucket: "acme-audit", prefix: "/trail/" } } });
    expect(await checkStartup({ NODE_ENV: "production", NEXTAUTH_SECRET: "s3cr3t", STATEHOUSE_CONFIG: bad })).toMatch(/^audit\.s3\.prefix: /);
    expect(await checkStartup({ NODE_ENV: "production", NEXTAUTH_SECRET: "s3cr3t", STATEHOUSE_CONFIG: path.join(tmpdir(), "no-such-statehouse.json") })).toMatch(
      /cannot read the Statehouse config file[\s\S]*STATEHOUSE_CONFIG/,
    );
  });

  it("lets a configured production server start, and does not check development", async () => {
    expect(await checkStartup({ NODE_ENV: "production", NEXTAUTH_SECRET: "s3cr3t", STATEHOUSE_CONFIG: good })).toBeNull();
    expect(await checkStartup({ NODE_ENV: "development" })).toBeNull();
  });
});
