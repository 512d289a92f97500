/**
 * The search query language: free text plus qualifiers (`type:aws_instance`, `workspace:prod-*`,
 * `attr:tags.env=prod`), parsed into a Query. Pure; a bad qualifier is a clear InvalidInputError.
 */
import { InvalidInputError } from "@/lib/errors";

export const QUALIFIERS = ["type", "backend", "workspace", "module", "provider", "mode", "status", "attr"] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export interface AttrFilter {
  /** Dotted attribute path pattern (`tags.env`, `ingress.*.from_port`), lower case. */
  path: RegExp;
  /** Whole-value pattern, lower case; null means the attribute only has to exist. */
  value: RegExp | null;
  text: string;
}

export interface Query {
  /** Lower-case free-text terms; every one must match somewhere in an instance. */
  terms: string[];
  type: RegExp[];
  backend: RegExp[];
  workspace: RegExp[];
  module: RegExp[];
  provider: RegExp[];
  mode: ("managed" | "data")[];
  status: ("tainted" | "deposed")[];
  attr: AttrFilter[];
}

/** Longest query accepted: a search box, not a bulk API; keeps parsing and matching bounded. */
export const MAX_QUERY_LENGTH = 1000;
const MAX_TOKENS = 32;

/** A glob (`*` any run, `?` one character) as a whole-string, case-insensitive RegExp. */
export function globRegExp(glob: string): RegExp {
  const body = glob
    .toLowerCase()
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "s");
}

/** Splits on whitespace, keeping "double quoted" runs (also after `name:`) together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let cur = "";
  let quoted = false;
  let had = false;
  for (const c of text) {
    if (c === '"') {
      quoted = !quoted;
      had = true;
      continue;
    }
    if (!quoted && /\s/.test(c)) {
      if (had || cur) tokens.push(cur);
      cur = "";
      had = false;
      continue;
    }
    cur += c;
  }
  if (had || cur) tokens.push(cur);
  return tokens.filter((t) => t !== "");
}

const QUALIFIER_RE = new RegExp(`^(${QUALIFIERS.join("|")}):(.*)$`, "is");

export function parseQuery(text: string): Query {
  if (text.length > MAX_QUERY_LENGTH) throw new InvalidInputError(`The search is too long: at most ${MAX_QUERY_LENGTH} characters.`);
  const q: Query = { terms: [], type: [], backend: [], workspace: [], module: [], provider: [], mode: [], status: [], attr: [] };
  const tokens = tokenize(text);
  if (tokens.length > MAX_TOKENS) throw new InvalidInputError(`The search has too many words: at most ${MAX_TOKENS}.`);
  for (const token of tokens) {
    const m = QUALIFIER_RE.exec(token);
    if (!m) {
      q.terms.push(token.toLowerCase());
      continue;
    }
    const name = m[1]!.toLowerCase() as Qualifier;
    const value = m[2]!;
    if (value === "") throw new InvalidInputError(`"${name}:" needs a value, e.g. ${example(name)}.`);
    switch (name) {
      case "mode": {
        const v = value.toLowerCase();
        if (v !== "managed" && v !== "data") throw new InvalidInputError(`mode: is "managed" or "data", not "${value}".`);
        q.mode.push(v);
        break;
      }
      case "status": {
        const v = value.toLowerCase();
        if (v !== "tainted" && v !== "deposed") throw new InvalidInputError(`status: is "tainted" or "deposed", not "${value}".`);
        q.status.push(v);
        break;
      }
      case "attr": {
        const eq = value.indexOf("=");
        const path = eq < 0 ? value : value.slice(0, eq);
        if (path === "") throw new InvalidInputError(`attr: needs an attribute path, e.g. ${example("attr")}.`);
        q.attr.push({ path: globRegExp(path), value: eq < 0 ? null : globRegExp(value.slice(eq + 1)), text: value });
        break;
      }
      default:
        q[name].push(globRegExp(value));
    }
  }
  return q;
}

function example(name: Qualifier): string {
  const examples: Record<Qualifier, string> = {
    type: "type:aws_instance",
    backend: "backend:prod-network",
    workspace: "workspace:prod-*",
    module: "module:app",
    provider: "provider:aws",
    mode: "mode:data",
    status: "status:tainted",
    attr: "attr:tags.env=prod",
  };
  return examples[name];
}

/** True when the query selects nothing at all: an empty search lists nothing rather than everything. */
export function isEmptyQuery(q: Query): boolean {
  return (
    q.terms.length === 0 &&
    q.type.length + q.backend.length + q.workspace.length + q.module.length + q.provider.length + q.mode.length + q.status.length + q.attr.length === 0
  );
}
