/** What a benchmark section is, and what it is given (the registry of sections is sections.ts). */
import type { BenchBackends, SeedPart } from "./seed";
import type { GeneratedData } from "./scenario";
import type { Row } from "./table";

export interface BenchContext {
  runs: number;
  endpoint: string;
  data: GeneratedData;
  backends: BenchBackends;
  /** What was seeded (everything, unless BENCH_ONLY chose sections that declare their `needs`). */
  seeded: ReadonlySet<SeedPart>;
  /** A production build (scripts/build-app.sh output) when the server figures run; undefined otherwise. */
  appDir: string | undefined;
  log: (m: string) => void;
}

export interface BenchSection {
  name: string;
  /** What of the scenario the section reads; a BENCH_ONLY run seeds only the union (default: everything; [] for a section that seeds its own data). */
  needs?: readonly SeedPart[];
  run(ctx: BenchContext): Promise<Row[]>;
}
