/**
 * The estate dependency graph (issue 10) on the 2,000-workspace backend: a cold build (every current
 * state read and its terraform_remote_state sources resolved) beside ListObjectsV2 + GetObject of
 * those states with the same concurrency; a warm rebuild (nothing written since: the listing only,
 * sources from the ETag-validated cache) beside ListObjectsV2 alone; and the elkjs layout the
 * Dependencies page draws at its largest (300 workspaces).
 */
import { openBackend } from "@/lib/backend/context";
import { estateDependencies } from "@/lib/domain/dependencies";
import { markCycles, type Edge } from "@/lib/dependencies/graph";
import { rawStateKeys } from "./raw-baselines";
import { rawReadAll } from "./search";
import type { BenchSection } from "./section";
import { figure, paired, timed } from "./stats";
import type { Row } from "./table";

/** A layered estate of `n` workspaces: each reads one or two of the previous ones, a few cycles. */
function syntheticEdges(n: number): Edge[] {
  const node = (i: number) => ({ backend: `b${i % 4}`, workspace: `service-${i}` });
  const edges: Edge[] = [];
  for (let i = 1; i < n; i++) {
    edges.push({ producer: node(Math.floor(i / 2)), consumer: node(i), address: `data.terraform_remote_state.p${i}`, dangling: false, inCycle: false });
    if (i % 3 === 0) edges.push({ producer: node(i - 1), consumer: node(i), address: `data.terraform_remote_state.q${i}`, dangling: false, inCycle: false });
    if (i % 50 === 0) edges.push({ producer: node(i), consumer: node(Math.floor(i / 2)), address: `data.terraform_remote_state.back${i}`, dangling: false, inCycle: false });
  }
  return markCycles(edges);
}

export const dependenciesSection: BenchSection = {
  name: "dependencies",
  needs: ["listing"],
  async run({ runs, endpoint, backends, log }): Promise<Row[]> {
    const def = backends.listing;
    const ctx = openBackend(def);
    const states = (await rawStateKeys(def, endpoint)).length;
    const cold = await paired(runs, () => estateDependencies([ctx], { cached: false }), () => rawReadAll([def], endpoint));
    log("dependencies: cold builds done");
    await estateDependencies([ctx]);
    const warm = await paired(runs, () => estateDependencies([ctx]), () => rawStateKeys(def, endpoint));
    log("dependencies: warm rebuilds done");
    // The layout module is server-only (it is the page's); elkjs itself is what costs.
    const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
    const edges = syntheticEdges(300);
    const nodes = new Set(edges.flatMap((e) => [`${e.producer.backend}/${e.producer.workspace}`, `${e.consumer.backend}/${e.consumer.workspace}`]));
    const layout = () =>
      new ELK().layout({
        id: "estate",
        layoutOptions: { "elk.algorithm": "layered", "elk.direction": "RIGHT" },
        children: [...nodes].map((id) => ({ id, width: 160, height: 44 })),
        edges: edges.map((e, i) => ({ id: `e${i}`, sources: [`${e.producer.backend}/${e.producer.workspace}`], targets: [`${e.consumer.backend}/${e.consumer.workspace}`] })),
      });
    await layout();
    const layouts: number[] = [];
    for (let i = 0; i < runs; i++) layouts.push(await timed(layout));
    return [
      { what: `dependency graph, cold build (${states} states read)`, value: cold.subject, unit: "ms", baseline: cold.baseline, baselineLabel: "ListObjectsV2 + GetObject all", ratio: cold.subject.median / cold.baseline.median, target: "≤ 1.5×" },
      { what: "dependency graph, rebuild with nothing written since", value: warm.subject, unit: "ms", baseline: warm.baseline, baselineLabel: "ListObjectsV2", ratio: warm.subject.median / warm.baseline.median, target: "≤ 1.5×" },
      { what: `elkjs layout, ${nodes.size} workspaces / ${edges.length} edges (server side)`, value: figure(layouts), unit: "ms" },
    ];
  },
};
