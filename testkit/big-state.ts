/**
 * A state of a given number of resources written straight to a file (never whole in memory), for
 * the State page's memory and size figures: each resource one instance with a few ordinary
 * attributes, tags and one sensitive value, about 200 bytes per resource plus `pad` bytes.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";

export async function writeBigState(file: string, resources: number, opts: { pad?: number; modules?: number; compact?: boolean } = {}): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  let pending = "";
  // Written in chunks of about 1 MB: a million small writes would each wait on the stream.
  const write = async (s: string, flush = false) => {
    pending += s;
    if (pending.length < 1 << 20 && !flush) return;
    bytes += Buffer.byteLength(pending);
    const chunk = pending;
    pending = "";
    if (!out.write(chunk)) await once(out, "drain");
  };
  const modules = opts.modules ?? 100;
  const pad = "x".repeat(opts.pad ?? 0);
  await write(`{"version":4,"terraform_version":"1.9.8","serial":7,"lineage":"bench-big-state","outputs":{"count":{"value":${resources},"type":"number"}},"resources":[`);
  for (let i = 0; i < resources; i++) {
    const m = i % modules;
    if (opts.compact) {
      // About 170 bytes a resource: a million make a state of the size the issue measured (213 MB).
      await write(`${i ? "," : ""}{"module":"module.m${m}","mode":"managed","type":"null_resource","name":"r${i}","provider":"provider[\\"registry.terraform.io/hashicorp/null\\"]","instances":[{"schema_version":0,"attributes":{"id":"${i}"},"sensitive_attributes":[]}]}`);
      continue;
    }
    await write(
      `${i ? "," : ""}{"module":"module.m${m}","mode":"managed","type":"null_resource","name":"r${i}","provider":"provider[\\"registry.terraform.io/hashicorp/null\\"]","instances":[{"schema_version":0,"attributes":{"id":"${1e12 + i}","triggers":{"n":"${i}","pad":"${pad}"},"secret":"s${i}"},"sensitive_attributes":[[{"type":"get_attr","value":"secret"}]]}]}`,
    );
  }
  await write(`],"check_results":null}\n`, true);
  out.end();
  await once(out, "finish");
  return bytes;
}
