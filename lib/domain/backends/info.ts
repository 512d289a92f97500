/**
 * What the dashboard and CLI say about a backend's configuration before touching AWS. The wording
 * itself lives in lib/browser-safe (lock kinds' descriptors, versioning), so components can use it too.
 */
export { lockingWarning, lockModeLabel } from "@/lib/browser-safe/lock-kinds";
export { versioningWarning } from "@/lib/browser-safe/versioning";
