/**
 * What a state's size is counted in, said the same way everywhere (workspaces table, State tab,
 * versions, CLI): *resources* are the state's resource blocks (managed and data, as the State tab
 * groups them), *instances* are their objects (one per count/for_each key, deposed objects included),
 * which is what `terraform state list` lists. Pure: the browser and the CLI share it.
 */

/** Resources and instances of a state (structurally typed so the browser needs no state types). */
export function stateCounts(state: { resources: readonly { instances: readonly unknown[] }[] }): { resources: number; instances: number } {
  let instances = 0;
  for (const r of state.resources) instances += r.instances.length;
  return { resources: state.resources.length, instances };
}

const nf = new Intl.NumberFormat("en-US");

/** 1 → "1 resource", 1234 → "1,234 resources". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${nf.format(n)} ${n === 1 ? singular : plural}`;
}

/** "8 resources, 53 instances". */
export function countsPhrase(c: { resources: number; instances: number }): string {
  return `${countOf(c.resources, "resource")}, ${countOf(c.instances, "instance")}`;
}
