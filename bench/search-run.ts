/**
 * Runs only the estate search and locks figures (bench/search.ts) on the listing and big backends:
 * `TSX_TSCONFIG_PATH=tsconfig.plain-node.json scripts/with-moto.sh node --import tsx bench/search-run.ts`. `npm run bench` runs them with the rest.
 */
import { motoEndpoint } from "@/testkit/moto";
import { generatedData } from "./scenario";
import { benchBackends, seedBig, seedListing } from "./seed";
import { benchSearch, searchRows } from "./search";
import { renderTable } from "./table";

const log = (m: string) => console.error(`bench: ${m}`);

async function main(): Promise<void> {
  const endpoint = motoEndpoint();
  const data = await generatedData(log);
  const b = benchBackends(endpoint);
  await Promise.all([seedListing(b, endpoint, data), seedBig(b, endpoint, data)]);
  log("seeded");
  const s = await benchSearch(b, endpoint, Number(process.env.BENCH_RUNS ?? 5), log);
  console.log(renderTable(searchRows(s)));
  console.log(JSON.stringify({ instances: s.instances, workspaces: s.workspaces, indexBytes: s.indexBytes, heapDeltaBytes: s.heapDeltaBytes, query: s.query, refresh10: s.refresh10 }));
}

main().catch((e: unknown) => {
  console.error("bench failed:", e);
  process.exit(1);
});
