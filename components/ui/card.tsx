import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";

export function Card({ className, ...rest }: HTMLAttributes<HTMLElement>) {
  return <section className={cx("rounded-lg border border-slate-200 bg-white shadow-sm", className)} {...rest} />;
}

/** Card title row; `as` picks the heading level so pages keep a correct outline. */
export function CardHeader({ title, actions, as: H = "h2", children }: { title: ReactNode; actions?: ReactNode; as?: "h2" | "h3" | "h4"; children?: ReactNode }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2.5">
      <div className="min-w-0">
        <H className="text-sm font-semibold text-slate-900">{title}</H>
        {children && <div className="text-xs text-slate-500">{children}</div>}
      </div>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </header>
  );
}

export function CardBody({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cx("px-4 py-3", className)} {...rest} />;
}
