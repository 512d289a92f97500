import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/auth";

// The options come from the config file (loaded asynchronously), so the handler is built per request.
async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return NextAuth(req, context, await getAuthOptions());
}

export { handler as GET, handler as POST };
