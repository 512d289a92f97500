/**
 * The benchmark's capability sections: one entry per capability, each in its own module
 * (bench/<capability>.ts), each returning its rows beside the raw baselines it measured in the same run.
 * What a section is and gets: section.ts. main.ts seeds the scenario once, runs the built-in figures, then every section here, and prints all rows
 * in one table. BENCH_ONLY=name[,name…] runs just those sections (after seeding) and skips the built-in figures,
 * to measure one capability while working on it; `npm run bench` runs everything.
 */
import type { BenchSection } from "./section";
import { dependenciesSection } from "./dependencies";
import { encryptionSection } from "./encryption";
import { stateMemorySection } from "./state-memory";
import { pagesSection } from "./pages";
import { estatePagesSection } from "./estate-pages";
import { historySection } from "./history";
import { cliSection } from "./cli";

/** Register a new capability's section here: one line. */
export const sections: BenchSection[] = [
  dependenciesSection,
  encryptionSection,
  stateMemorySection,
  pagesSection,
  estatePagesSection,
  historySection,
  cliSection,
];

export function selectedSections(only: string | undefined): BenchSection[] {
  if (!only) return sections;
  const names = new Set(only.split(",").map((s) => s.trim()).filter(Boolean));
  const unknown = [...names].filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length) throw new Error(`BENCH_ONLY names no section: ${unknown.join(", ")} (known: ${sections.map((s) => s.name).join(", ") || "none"})`);
  return sections.filter((s) => names.has(s.name));
}
