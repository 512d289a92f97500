import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { nonceOfPolicy } from "@/lib/http/security-headers";
import "./globals.css";
import { Providers } from "./providers";

// Every page depends on the signed-in user and on live S3 data: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Statehouse", template: "%s · Statehouse" },
  description: "Terraform and OpenTofu state in S3: workspaces, versions, diffs, locks and restores.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#090f1b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The theme script runs inline before the first paint (no flash of the other theme): it needs the request's nonce.
  const nonce = nonceOfPolicy((await headers()).get("content-security-policy")) ?? undefined;
  return (
    // next-themes sets the theme class on <html> before React hydrates: the server cannot know it.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen font-sans">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
