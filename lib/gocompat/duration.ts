/** Go's time.ParseDuration, as the s3 backend reads `assume_role.duration` ("1h30m", "900s", "1.5h"). */
import { ConfigError } from "@/lib/errors";

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  "µs": 1e-6,
  "μs": 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Whole seconds of a Go duration string; `option` names the option in the error. */
export function parseGoDurationSeconds(text: string, option: string): number {
  const bad = () => new ConfigError([{ option, message: `"${text}" is not a duration (use Go syntax such as "1h", "15m", "1h30m", "900s").` }]);
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest.startsWith("-")) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") throw bad();
  let total = 0;
  const part = /^(\d*(?:\.\d*)?)([a-zµμ]+)/;
  while (rest !== "") {
    const m = part.exec(rest);
    if (!m || m[1] === "" || m[1] === "." || !(m[2]! in UNIT_SECONDS)) throw bad();
    total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return sign * Math.floor(total + 1e-9);
}
