/** Test helpers: this directory's fixtures as bytes or parsed state. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseState } from "../parse";
import type { ParsedState } from "../types";

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(__dirname, name)));
}

export function fixtureState(name: string): ParsedState {
  const r = parseState(fixtureBytes(name));
  if (r.kind !== "state") throw new Error(`${name} parsed as ${r.kind}`);
  return r.state;
}

export const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
