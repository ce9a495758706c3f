import { getTableColumns, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { listLocalAuthorities, listPoliceForceAreas } from "@/lib/reference";
import type { Database } from "./database";
import { localAuthorities, policeForceAreas } from "./schema";

/** Loads the ONS force areas and local authorities into their tables; running it again updates them in place. */
export async function loadReferenceData(db: Database): Promise<void> {
  const forceAreas = listPoliceForceAreas().map((area) => ({
    code: area.code,
    name: area.name,
    country: area.country,
    ...area.population,
  }));
  const authorities = listLocalAuthorities().map((authority) => ({
    code: authority.code,
    name: authority.name,
    type: authority.type,
    country: authority.country,
    forceAreaCode: authority.forceAreaCode,
    ...authority.population,
  }));
  await db.transaction(async (tx) => {
    await tx
      .insert(policeForceAreas)
      .values(forceAreas)
      .onConflictDoUpdate({ target: policeForceAreas.code, set: takeIncoming(policeForceAreas) });
    await tx
      .insert(localAuthorities)
      .values(authorities)
      .onConflictDoUpdate({ target: localAuthorities.code, set: takeIncoming(localAuthorities) });
  });
}

/** The `set` of an upsert that overwrites every column but the key; reference columns carry their SQL names. */
function takeIncoming(table: PgTable) {
  const columns = Object.entries(getTableColumns(table)).filter(([, column]) => !column.primary);
  return Object.fromEntries(columns.map(([key, column]) => [key, sql`excluded.${sql.identifier(column.name)}`]));
}
