/** Figures as min / median / max of several runs. */
export interface Figure {
  runs: number[];
  min: number;
  median: number;
  max: number;
}

export function figure(runs: number[]): Figure {
  const s = [...runs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { runs, min: s[0] ?? NaN, median, max: s[s.length - 1] ?? NaN };
}

/** Milliseconds taken by `fn`. */
export async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Times `subject` and `baseline` alternately, `runs` times each after one untimed warm-up of both
 * (connections opened, code compiled), so that noise from other load hits both alike.
 */
export async function paired(runs: number, subject: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<{ subject: Figure; baseline: Figure }> {
  await subject();
  await baseline();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await timed(subject));
    b.push(await timed(baseline));
  }
  return { subject: figure(a), baseline: figure(b) };
}
