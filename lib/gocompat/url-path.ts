/** Go's url.PathEscape rule, which the tools apply to workspace names. Pure. */

/** Go's url.PathEscape leaves exactly these unescaped; a valid workspace name is made only of them. */
const PATH_SEGMENT_SAFE = /^[A-Za-z0-9\-_.~$&+:=@]+$/;

/** Whether url.PathEscape leaves `s` unchanged (and it is not empty). */
export function isPathSegmentSafe(s: string): boolean {
  return PATH_SEGMENT_SAFE.test(s);
}
