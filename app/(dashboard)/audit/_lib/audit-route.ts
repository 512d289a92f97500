import "server-only";
/** May the caller read the audit trail: checked once per request (React cache) by the layout and the page. */
import { cache } from "react";
import { authorize } from "@/auth";
import { toResult } from "@/lib/result";

export const checkAudit = cache(() => toResult(async () => (await authorize(null, "viewAudit")).role));
