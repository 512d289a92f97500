import "server-only";
/** The audit concept: recording one event per write or reveal attempt, and reading the trail. */
export { listAudit, MAX_AUDIT_LIMIT, type AuditPage, type AuditQuery } from "./audit/list";
export { recordAudit, type AuditOutput, type AuditRecordResult, type LineSink } from "./audit/record";
