import type { NextRequest } from "next/server";
import { handleAuthRoute } from "@/lib/auth/next-auth";

// Only an organisation's identity provider sending someone back is served here; every other
// Auth.js endpoint (session, CSRF, providers, its own pages) answers 404.

export function GET(request: NextRequest): Promise<Response> {
  return handleAuthRoute(request);
}

export function POST(request: NextRequest): Promise<Response> {
  return handleAuthRoute(request);
}
