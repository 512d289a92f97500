import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-4">
      <Skeleton className="h-7 w-64" />
      <SkeletonRows rows={10} label="Loading workspaces…" />
    </div>
  );
}
