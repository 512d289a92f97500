import type { VersioningState } from "@/lib/domain/backends";

const TEXT: Record<Exclude<VersioningState, "Enabled">, string> = {
  Disabled: "Bucket versioning is off: S3 keeps only the current state object, so prior versions cannot be recovered and a deleted workspace cannot be brought back.",
  Suspended:
    "Bucket versioning is suspended: versions written before the suspension are kept, but every new write replaces the previous one, so prior versions cannot be recovered from now on.",
};

/** Says plainly when the bucket does not keep history, since recovery then is impossible. */
export function VersioningBanner({ versioning, bucket }: { versioning: VersioningState; bucket: string }) {
  if (versioning === "Enabled") return null;
  return (
    <div role="alert" data-testid="versioning-banner" data-versioning={versioning} className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p className="font-semibold">Versioning {versioning === "Disabled" ? "off" : "suspended"}</p>
      <p className="mt-1">{TEXT[versioning]}</p>
      <p className="mt-1">
        To keep history, enable it: <code className="font-mono text-xs select-all" data-testid="versioning-fix">
          aws s3api put-bucket-versioning --bucket {bucket} --versioning-configuration Status=Enabled
        </code>
      </p>
    </div>
  );
}
