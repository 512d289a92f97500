/**
 * `statehouse state show` on a state of 1,000,000 resources (issue 13): it used to die with "Maximum
 * call stack size exceeded" while sizing the table. Generated here; written to the local S3 like terraform.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { createBucket, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import type { CliIo } from "@/lib/cli/io";
import { run } from "@/lib/cli/run";
import { backendConfigArgs } from "./harness";

const COUNT = 1_000_000;

/** The state's bytes, built as one string: the serializer need not hold a million objects. */
function millionState(): Uint8Array {
  const parts: string[] = [];
  for (let i = 0; i < COUNT; i++) parts.push(`{"mode":"managed","type":"null_resource","name":"r${i}","provider":"provider[\\"registry.terraform.io/hashicorp/null\\"]","instances":[]}`);
  const text = `{"version":4,"terraform_version":"1.9.8","serial":1,"lineage":"0b9d7a52-6f7e-4d9c-a0d4-1c2b3a4d5e6f","outputs":{},"resources":[${parts.join(",")}],"check_results":null}`;
  return new TextEncoder().encode(text);
}

let be: string[];

beforeAll(async () => {
  const bucket = uniqueName("cli-million");
  await createBucket(bucket, { versioning: "Enabled" });
  const options = testOptions({ bucket });
  be = backendConfigArgs(options);
  await new ToolWriter(openBackend(testDefinition("cli-million", options)), "terraform").apply("million", millionState());
}, 300_000);

describe("state show of a million resources", () => {
  it("streams the table to the end, waiting whenever the stream asks to, and prints the last address", async () => {
    let lines = 0;
    let tail = "";
    let waits = 0;
    let pending: (() => void) | null = null;
    // A stream that asks for a pause every few writes, and drains on the next tick, as a slow pipe does.
    const stdout: CliIo["stdout"] = {
      write(text: string) {
        if (pending) throw new Error("written to while it asked to wait");
        lines += text.split("\n").length - 1;
        tail = (tail + text).slice(-4096);
        if (lines % 7 === 0 || text.length > 32_000) {
          waits++;
          return false;
        }
        return true;
      },
      once(_event, listener) {
        pending = listener;
        setImmediate(() => {
          pending = null;
          listener();
        });
      },
    };
    let stderr = "";
    const code = await run(["state", "show", "-w", "million", ...be], { stdout, stderr: { write: (s: string) => (stderr += s) }, env: {} });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(waits).toBeGreaterThan(10);
    // Header lines, the table's header and a million rows, then the outputs.
    expect(lines).toBeGreaterThan(COUNT);
    expect(tail).toMatch(new RegExp(`\\nnull_resource\\.r${COUNT - 1}\\s+null_resource\\s+0\\s*\\n\\nNo outputs\\.\\n$`));
  }, 300_000);
});
