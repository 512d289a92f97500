/**
 * The named fields of an object and nothing else: what a server action sends the browser is a
 * whitelist, so a field added to a domain type does not reach it unless named here too.
 */
export function pickFields<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = obj[k];
  return out;
}
