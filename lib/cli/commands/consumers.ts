import { printJson, printLine, printTable, type Command } from "../command";
import { estateBackends } from "../estate";

export const consumers: Command = {
  name: "consumers",
  summary: "The workspaces that read this workspace's outputs (terraform_remote_state), and its own sources outside the estate.",
  details: "Searches the current state of every workspace of every backend of the config file. The workspace is -w W of the backend chosen as for other -w commands.",
  options: {},
  async run(ctx) {
    // Loaded on use: a static import would put the AWS SDK on the path of every command, `--help` included.
    const { consumersOf, estateDependencies } = await import("@/lib/domain/dependencies");
    const producer = await ctx.backend();
    // Consumers may live in any backend of the config, whichever one --backend picks as the producer's.
    const source = ctx.globals.source;
    const all = await estateBackends(source.kind === "config-file" ? { ...ctx, globals: { ...ctx.globals, source: { ...source, name: undefined } } } : ctx);
    const ctxs = all.some((b) => b.def.name === producer.def.name) ? all : [producer, ...all];
    const graph = await estateDependencies(ctxs);
    const r = consumersOf(graph, producer.def.name, ctx.globals.workspace);
    for (const u of graph.unlisted) ctx.io.stderr.write(`Warning: not searched for consumers: ${u.backend}: ${u.reason}\n`);
    if (ctx.globals.json) {
      printJson(ctx, {
        consumers: r.consumers.map((c) => ({ backend: c.backend, workspace: c.workspace, address: c.address })),
        external: r.external.map((x) => ({ address: x.address, backend: x.target.backendType, bucket: x.target.bucket, key: x.target.key, workspace: x.target.workspace })),
      });
      return 0;
    }
    printTable(
      ctx,
      [{ header: "BACKEND" }, { header: "WORKSPACE" }, { header: "DATA SOURCE" }, { header: "NOTE" }],
      r.consumers.map((c) => [c.backend, c.workspace, c.address, c.inCycle ? "cycle" : ""]),
    );
    printLine(ctx, `${r.consumers.length} consumer${r.consumers.length === 1 ? "" : "s"} of ${producer.def.name}/${ctx.globals.workspace}.`);
    for (const x of r.external) printLine(ctx, `Reads from outside the estate: ${x.address} (${x.target.backendType}${x.target.bucket ? ` ${x.target.bucket}/${x.target.key ?? ""}` : ""})`);
    return 0;
  },
};
