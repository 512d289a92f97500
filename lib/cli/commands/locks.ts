import { printJson, printTable, type Command } from "../command";
import { estateBackends } from "../estate";

export const locks: Command = {
  name: "locks",
  summary: "Every lock held in every backend of the config file (or --backend NAME), oldest first, with orphans.",
  details: "Both lock kinds (DynamoDB items and .tflock objects). Orphans: locks whose state is gone or lies outside every configured backend.",
  options: {},
  async run(ctx) {
    const backends = await estateBackends(ctx);
    const [{ readEstateLocks }, { formatAgeMs }] = await Promise.all([import("@/lib/domain/estate-locks"), import("@/lib/problems/rules")]);
    const r = await readEstateLocks(backends);
    for (const w of r.warnings) ctx.io.stderr.write(`Warning: ${w.backend}: ${w.message}\n`);
    if (ctx.globals.json) {
      printJson(ctx, {
        locks: r.locks.map((l) => ({
          backend: l.backend,
          workspace: l.workspace,
          kind: l.kind,
          id: l.id,
          operation: l.operationWords,
          who: l.who,
          version: l.version,
          created: l.created,
          path: l.path,
          orphan: l.orphan,
        })),
      });
      return 0;
    }
    await printTable(
      ctx,
      [{ header: "BACKEND" }, { header: "WORKSPACE" }, { header: "KIND" }, { header: "OPERATION" }, { header: "WHO" }, { header: "VERSION" }, { header: "AGE", right: true }, { header: "ID" }, { header: "NOTE" }],
      r.locks.map((l) => [
        l.backend,
        l.workspace ?? `(${l.stateKey})`,
        l.kind,
        l.operationWords,
        l.who,
        l.version,
        l.ageMs === null ? "" : formatAgeMs(l.ageMs),
        l.id,
        l.orphan ? { text: `orphan: ${l.orphanReason ?? ""}`, tone: "bad" } : l.stale ? { text: "probably abandoned", tone: "warn" } : "",
      ]),
    );
    return 0;
  },
};
