import { connection } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

export async function GET() {
  await connection();
  return Response.json(openApiDocument(), { headers: { "cache-control": "no-store" } });
}
