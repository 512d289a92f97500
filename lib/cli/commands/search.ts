import { expectPositionals } from "../args";
import { printJson, printLine, printTable, type Command } from "../command";
import { estateBackends } from "../estate";

export const search: Command = {
  name: "search",
  synopsis: "QUERY",
  summary: "Search the current state of every workspace of every backend (or --backend NAME).",
  details: [
    "Free text matches addresses, types, names, modules, providers, output names and attribute values (case-insensitive, substring).",
    "Qualifiers: type:aws_instance backend:prod-network workspace:prod-* module:app provider:aws mode:data status:tainted attr:tags.env=prod",
    "Sensitive values are never matched. Quote the query as one argument: statehouse search 'type:aws_instance 10.0.1.5'.",
  ].join("\n"),
  options: {},
  async run(ctx) {
    const [query] = expectPositionals(ctx.args, ["QUERY"], "search") as [string];
    const backends = await estateBackends(ctx);
    // A one-shot index: the command reads every state once and answers from it.
    const { EstateSearch } = await import("@/lib/domain/search");
    const engine = new EstateSearch();
    await engine.refresh(backends);
    const r = engine.search(query, { limit: Number.MAX_SAFE_INTEGER });
    if (ctx.globals.json) {
      printJson(ctx, {
        results: r.results.map((h) => ({ backend: h.backend, workspace: h.workspace, address: h.address, type: h.type, mode: h.mode, module: h.module, index_key: h.index_key, matches: h.matches })),
        complete: r.complete,
        unreadable: r.unreadable,
      });
      return 0;
    }
    await printTable(
      ctx,
      [{ header: "BACKEND" }, { header: "WORKSPACE" }, { header: "ADDRESS" }, { header: "MATCHED" }],
      r.results.map((h) => [h.backend, h.workspace, h.address, h.matches.map((m) => `${m.path}=${m.value}`).join(", ")]),
    );
    printLine(ctx, `${r.total} result${r.total === 1 ? "" : "s"} in ${r.progress.total} workspaces.`);
    for (const u of r.unreadable) ctx.io.stderr.write(`Warning: not searched: ${u.backend}${u.workspace ? `/${u.workspace}` : ""}: ${u.reason}\n`);
    return 0;
  },
};
