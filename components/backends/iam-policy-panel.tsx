import { CodeBlock } from "@/components/ui/code-block";

export interface IamPolicies {
  read: string;
  admin: string;
}

/** Least-privilege IAM policies for this backend, ready to paste (the route computes them). */
export function IamPolicyPanel({ policies }: { policies: IamPolicies }) {
  return (
    <details className="group rounded-md border border-slate-200" data-testid="iam-policy">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">IAM policy for Statehouse</summary>
      <div className="space-y-3 px-3 pb-3">
        <div>
          <h3 className="mb-1 text-xs font-semibold text-slate-600 uppercase">Read-only (viewers)</h3>
          <CodeBlock code={policies.read} label="read-only IAM policy" testId="iam-policy-read" />
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold text-slate-600 uppercase">Admin (restore versions, break locks, repair digests)</h3>
          <CodeBlock code={policies.admin} label="admin IAM policy" testId="iam-policy-admin" />
        </div>
      </div>
    </details>
  );
}
