import "server-only";
/**
 * The access concept: what Statehouse may do on a backend — the harmless probes of the access
 * check, and the least-privilege IAM policies it needs.
 */
export { checkAccess, type AccessCheck, type AccessStatus } from "@/lib/backend/access-check";
export { iamPolicy, iamPolicyJson, type PolicyDocument, type PolicyLevel, type PolicyStatement } from "./access/iam-policy";
