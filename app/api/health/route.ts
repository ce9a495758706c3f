import { connection } from "next/server";
import { checkHealth } from "@/lib/health";

export async function GET() {
  await connection();
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    // Polled by load balancers: too short to be worth compressing (lib/api/route.ts).
    headers: { "Cache-Control": "no-store, no-transform" },
  });
}
