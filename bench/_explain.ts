import { and, arrayContains, desc, eq, sql } from "drizzle-orm";
import { connectServer } from "@/db/connect";
import { withContext } from "@/db/context";
import { disclosures } from "@/db/schema";
import * as t from "@/db/schema";
import { listGrants, visibleDisclosuresCondition } from "@/lib/access/visibility";
const h = await connectServer(process.argv[2]!, { max: 1 });
const [a] = await h.db.select({ userId: t.users.id, orgId: t.memberships.orgId }).from(t.users).innerJoin(t.memberships, eq(t.memberships.userId, t.users.id)).where(eq(t.users.email, process.argv[3] ?? "analyst@police.example"));
const ctx = { ...a!, role: (process.argv[4] ?? "analyst") as "analyst" };
await withContext(h.db, ctx, async (tx) => {
  const grants = await listGrants(tx, { organisation: { id: ctx.orgId }, role: "analyst" }, new Date());
  const where = ctx.role === "analyst" ? visibleDisclosuresCondition(grants, { granularity: "record" }) : and(eq(disclosures.orgId, ctx.orgId), eq(disclosures.status, "submitted"))!;
  const q = tx.select({ id: disclosures.id }).from(disclosures).where(and(where, arrayContains(disclosures.threatAreas, ["domestic_abuse"]))).orderBy(desc(disclosures.submittedAt), desc(disclosures.id)).limit(50);
  const r = await tx.execute(sql`explain (analyze, buffers off) ${q}`);
  for (const row of r as unknown as { "QUERY PLAN": string }[]) console.log(row["QUERY PLAN"].slice(0, 220));
});
await h.close();
