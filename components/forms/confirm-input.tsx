"use client";

import type { ReactNode } from "react";

/** The check every typed confirmation makes: the exact name or ID, surrounding spaces forgiven. */
export function isConfirmed(typed: string, expected: string): boolean {
  return typed.trim() === expected;
}

/**
 * A typed confirmation before a destructive write (restore, break lock): a label naming what to type
 * and a monospace input. The caller keeps the value and disables its submit until `isConfirmed`.
 */
export function ConfirmInput({
  id,
  label,
  value,
  onChange,
  testId,
  className = "w-full",
  autoFocus = false,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  className?: string;
  /** Take focus when shown (a form that replaced the button that opened it). */
  autoFocus?: boolean;
}) {
  return (
    <>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        data-testid={testId}
        className={`${className} rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm`}
      />
    </>
  );
}
