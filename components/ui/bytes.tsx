import { formatBytes } from "@/lib/browser-safe/format";

export function Bytes({ value }: { value: number | null | undefined }) {
  return (
    <span title={value === null || value === undefined ? undefined : `${value.toLocaleString("en-US")} bytes`} className="tabular-nums">
      {formatBytes(value)}
    </span>
  );
}
