/**
 * Sizes in the Statehouse config and environment: a number of bytes, or a number with a unit
 * ("512MiB", "300 MB", "1GiB"; KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024).
 */
import { ConfigError } from "@/lib/errors";

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

export function parseByteSize(v: string | number, option: string): number {
  const bad = () => new ConfigError([{ option, message: `${JSON.stringify(v)} is not a size: write bytes (536870912) or a number with a unit (512MiB, 300MB, 1GiB)` }]);
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v) || v <= 0) throw bad();
    return v;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  const unit = UNITS[(m?.[2] || "b").toLowerCase()];
  if (!m || unit === undefined) throw bad();
  const n = Math.floor(Number(m[1]) * unit);
  if (!Number.isSafeInteger(n) || n <= 0) throw bad();
  return n;
}
