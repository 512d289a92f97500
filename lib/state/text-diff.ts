/**
 * The text view of states and a unified line diff between two of them.
 *
 * lineDiff trims the common prefix and suffix, maps lines to integer ids (one Map lookup per
 * line) and runs Myers' O(ND) algorithm on the middle only, so two 30 MB states with a few
 * hundred differing lines diff in roughly the time it takes to split them into lines.
 */
import { normalizeSensitivePaths } from "./sensitive-paths";
import { sensitiveChild, sensitiveTree, type SensitiveNode } from "./mask";
import { prettyJson } from "./pretty";
import { isRecord } from "./shape";

export interface DiffLine {
  kind: " " | "-" | "+";
  text: string;
}

/** A unified-diff hunk; starts are 1-based line numbers (0 when the side has no lines in the hunk). */
export interface Hunk {
  aStart: number;
  aLines: number;
  bStart: number;
  bLines: number;
  lines: DiffLine[];
}

/**
 * Above this many edits between the trimmed middles, the rest is reported as one replacement
 * instead of searched further: Myers' trace memory grows with D², and such a diff is unreadable anyway.
 */
export const MAX_EDIT_DISTANCE = 4000;

/** The state bytes as 2-space indented JSON, every token as stored. */
export function prettyState(bytes: Uint8Array): string {
  return prettyJson(bytes);
}

/**
 * prettyState with sensitive values replaced by SENSITIVE_MARKER: outputs marked sensitive (in
 * any module of a legacy state too) and instance attributes on their sensitive_attributes paths.
 * This is what the text view and the text diff must show.
 */
export function maskStateForDisplay(bytes: Uint8Array): string {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes)); // the decoder drops a BOM
  } catch {
    return prettyJson(bytes); // throws the InvalidInputError locating the syntax error
  }
  const resources = isRecord(doc) && Array.isArray(doc.resources) ? doc.resources : [];
  // The printer visits instances in order, so remembering the last one's tree is enough.
  let cached: { r: number; i: number; tree: SensitiveNode | null } | null = null;
  const instanceTree = (r: number, i: number): SensitiveNode | null => {
    if (cached?.r !== r || cached.i !== i) {
      const inst: unknown = (resources[r] as { instances?: unknown[] } | undefined)?.instances?.[i];
      cached = { r, i, tree: isRecord(inst) ? sensitiveTree(normalizeSensitivePaths(inst.sensitive_attributes)) : null };
    }
    return cached.tree;
  };
  const outputIsSensitive = (container: unknown, name: string | number): boolean => {
    const o = isRecord(container) && isRecord(container.outputs) ? container.outputs[name] : undefined;
    return isRecord(o) && o.sensitive === true;
  };
  return prettyJson(bytes, (path) => {
    const n = path.length;
    if (n < 3) return false;
    const top = path.at(0);
    // outputs.NAME.value (format 4)
    if (top === "outputs") return n === 3 && path.at(2) === "value" && outputIsSensitive(doc, path.at(1));
    // modules[m].outputs.NAME.value (formats 1-3)
    if (top === "modules") {
      return n === 5 && path.at(2) === "outputs" && path.at(4) === "value" && isRecord(doc) && Array.isArray(doc.modules) && outputIsSensitive(doc.modules[path.at(1) as number], path.at(3));
    }
    // resources[r].instances[i].attributes.PATH…
    if (top !== "resources" || n < 6 || path.at(2) !== "instances" || path.at(4) !== "attributes") return false;
    let node = instanceTree(path.at(1) as number, path.at(3) as number);
    for (let k = 5; node && !node.all && k < n; k++) node = sensitiveChild(node, path.at(k));
    return node?.all ?? false;
  });
}

/** Splits text into lines; a final newline does not start an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

type Op = 0 | 1 | 2; // equal, delete (from a), insert (from b)
const EQ: Op = 0;
const DEL: Op = 1;
const INS: Op = 2;

/** Unified diff hunks turning `aText` into `bText`, with `context` unchanged lines around each change. */
export function lineDiff(aText: string, bText: string, context = 3): Hunk[] {
  const a = splitLines(aText);
  const b = splitLines(bText);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;

  const ids = new Map<string, number>();
  const toIds = (lines: string[], from: number, to: number) => {
    const out = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      const line = lines[i]!;
      let id = ids.get(line);
      if (id === undefined) ids.set(line, (id = ids.size));
      out[i - from] = id;
    }
    return out;
  };
  const x = toIds(a, pre, a.length - suf);
  const y = toIds(b, pre, b.length - suf);
  const ops: Op[] = [];
  if (x.length + y.length > ANCHOR_THRESHOLD) anchoredDiff(x, y, ids.size, ops);
  else myers(x, y, ops);
  return buildHunks(a, b, pre, ops, context);
}

/**
 * Middles larger than this many lines are first split at anchors (lines occurring exactly once in
 * each side, in increasing order on both: patience diff's anchors, as git diff --patience uses).
 * Myers alone costs O((N+M)·D) when changes are spread over a big file, because every diagonal
 * re-walks the long equal runs; between anchors the pieces are small. Smaller middles get plain,
 * minimal Myers.
 */
export const ANCHOR_THRESHOLD = 20_000;

function anchoredDiff(x: Int32Array, y: Int32Array, idCount: number, ops: Op[]): void {
  const countX = new Int32Array(idCount);
  const countY = new Int32Array(idCount);
  const posY = new Int32Array(idCount);
  for (const id of x) countX[id]!++;
  for (let j = 0; j < y.length; j++) {
    countY[y[j]!]!++;
    posY[y[j]!] = j;
  }
  // Candidate pairs in x order; keep the longest run increasing in y (patience sorting, O(k log k)).
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const id = x[i]!;
    if (countX[id] === 1 && countY[id] === 1) {
      xs.push(i);
      ys.push(posY[id]!);
    }
  }
  const anchors = longestIncreasing(ys).map((k) => [xs[k]!, ys[k]!] as const);
  let pi = 0;
  let pj = 0;
  for (const [i, j] of anchors) {
    trimmedMyers(x.subarray(pi, i), y.subarray(pj, j), ops);
    ops.push(EQ);
    pi = i + 1;
    pj = j + 1;
  }
  trimmedMyers(x.subarray(pi), y.subarray(pj), ops);
}

/** myers() after taking off the common ends, which is most of every gap between anchors. */
function trimmedMyers(x: Int32Array, y: Int32Array, ops: Op[]): void {
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  for (let k = 0; k < pre; k++) ops.push(EQ);
  myers(x.subarray(pre, x.length - suf), y.subarray(pre, y.length - suf), ops);
  for (let k = 0; k < suf; k++) ops.push(EQ);
}

/** Indexes of a longest strictly increasing subsequence of `seq`. */
function longestIncreasing(seq: number[]): number[] {
  const tails: number[] = []; // index into seq of the smallest tail of each length
  const prev = new Int32Array(seq.length).fill(-1);
  for (let k = 0; k < seq.length; k++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[k]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const out: number[] = [];
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) out.push(k);
  return out.reverse();
}

/**
 * Myers' greedy O(ND) diff over id arrays; appends the edit script to `out`.
 * v[k] is the furthest x reached on diagonal k (-1: not reachable this round); moves that would
 * leave the grid are never taken, so every stored point is a real position.
 */
function myers(x: Int32Array, y: Int32Array, out: Op[]): void {
  const n = x.length;
  const m = y.length;
  const max = n + m;
  if (max === 0) return;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3).fill(-1);
  const trace: Int32Array[] = [];
  const limit = Math.min(max, MAX_EDIT_DISTANCE);
  // Which neighbour diagonal diagonal k continues from in round d: +1 (insertion) or -1 (deletion), 0 if none.
  const from = (at: (k: number) => number, k: number): -1 | 0 | 1 => {
    const down = at(k + 1);
    const right = at(k - 1);
    const canDown = down >= 0 && down - (k + 1) < m;
    const canRight = right >= 0 && right < n;
    if (canDown && (!canRight || right < down)) return 1;
    return canRight ? -1 : 0;
  };
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d++) {
    // Only diagonals -d-1 … d+1 matter to this round: O(d) memory per round.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    const at = (k: number) => v[offset + k]!;
    for (let k = -d; k <= d; k += 2) {
      let px: number;
      if (d === 0) px = 0;
      else {
        const dir = from(at, k);
        if (dir === 0) {
          v[offset + k] = -1;
          continue;
        }
        px = dir === 1 ? at(k + 1) : at(k - 1) + 1;
      }
      let py = px - k;
      while (px < n && py < m && x[px] === y[py]) {
        px++;
        py++;
      }
      v[offset + k] = px;
      if (px === n && py === m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    for (let k = 0; k < n; k++) out.push(DEL);
    for (let k = 0; k < m; k++) out.push(INS);
    return;
  }

  // Walk the trace backwards from (n, m), repeating each round's choice.
  const ops: Op[] = [];
  let px = n;
  let py = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!; // v as it was before round d, diagonals -d-1 … d+1
    const at = (k: number) => vd[k + d + 1]!;
    const k = px - py;
    const dir = from(at, k);
    const prevK = k + dir;
    const prevX = at(prevK);
    const startX = dir === 1 ? prevX : prevX + 1;
    while (px > startX) {
      ops.push(EQ);
      px--;
      py--;
    }
    ops.push(dir === 1 ? INS : DEL);
    px = prevX;
    py = prevX - prevK;
  }
  while (px > 0) {
    ops.push(EQ);
    px--;
  }
  for (let k = ops.length - 1; k >= 0; k--) out.push(ops[k]!);
}

interface Block {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** Groups the middle's edit script into hunks; the common prefix and suffix only supply context. */
function buildHunks(a: string[], b: string[], pre: number, middle: Op[], context: number): Hunk[] {
  const blocks: Block[] = [];
  let ai = pre;
  let bi = pre;
  for (let i = 0; i < middle.length; ) {
    if (middle[i] === EQ) {
      ai++;
      bi++;
      i++;
      continue;
    }
    const block: Block = { aFrom: ai, aTo: ai, bFrom: bi, bTo: bi };
    for (; i < middle.length && middle[i] !== EQ; i++) {
      if (middle[i] === DEL) block.aTo = ++ai;
      else block.bTo = ++bi;
    }
    blocks.push(block);
  }

  const hunks: Hunk[] = [];
  for (let first = 0; first < blocks.length; ) {
    let last = first;
    // Changes closer than 2*context lines share a hunk, as in diff -u.
    while (last + 1 < blocks.length && blocks[last + 1]!.aFrom - blocks[last]!.aTo <= 2 * context) last++;
    const f = blocks[first]!;
    const l = blocks[last]!;
    const aStart = Math.max(0, f.aFrom - context);
    const aEnd = Math.min(a.length, l.aTo + context);
    const bStart = f.bFrom - (f.aFrom - aStart);
    const lines: DiffLine[] = [];
    const same = (from: number, to: number) => {
      for (let j = from; j < to; j++) lines.push({ kind: " ", text: a[j]! });
    };
    same(aStart, f.aFrom);
    for (let k = first; k <= last; k++) {
      const blk = blocks[k]!;
      if (k > first) same(blocks[k - 1]!.aTo, blk.aFrom);
      for (let j = blk.aFrom; j < blk.aTo; j++) lines.push({ kind: "-", text: a[j]! });
      for (let j = blk.bFrom; j < blk.bTo; j++) lines.push({ kind: "+", text: b[j]! });
    }
    same(l.aTo, aEnd);
    const aLines = aEnd - aStart;
    const bLines = l.bTo + (aEnd - l.aTo) - bStart;
    // diff -u numbers an empty side by the line before it.
    hunks.push({ aStart: aLines ? aStart + 1 : aStart, aLines, bStart: bLines ? bStart + 1 : bStart, bLines, lines });
    first = last + 1;
  }
  return hunks;
}

/** Hunks rendered as unified diff text (`---`/`+++` headers, `@@ -a,n +b,m @@`). */
export function formatUnified(hunks: Hunk[], aName: string, bName: string): string {
  if (hunks.length === 0) return "";
  const out = [`--- ${aName}`, `+++ ${bName}`];
  for (const h of hunks) {
    out.push(`@@ -${h.aStart},${h.aLines} +${h.bStart},${h.bLines} @@`);
    for (const l of h.lines) out.push(l.kind + l.text);
  }
  return out.join("\n") + "\n";
}
