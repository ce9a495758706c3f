import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "./database";

/**
 * The role the portal acts as. Migrations create it (NOLOGIN, no superuser, no BYPASSRLS) and
 * grant it what the app needs; row-level security policies bind it.
 */
export const APP_ROLE = "vawg_app";

type RoleFacts = { role: string; superuser: boolean; bypassrls: boolean; owned: string | null; ownedCount: number };

/**
 * Why the current database role must not run the portal, or null when it may: a superuser or
 * a BYPASSRLS role ignores row-level security, and so does the owner of a table (or a member of
 * the owner's role) once it is not FORCEd. Checks `current_user`, so a `SET ROLE` counts.
 */
export async function appRoleProblem(db: Database): Promise<string | null> {
  const [facts] = rowsOf<RoleFacts>(
    await db.execute(sql`
      select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
             (select min(c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
                 and pg_has_role(current_user, c.relowner, 'USAGE')) as owned,
             (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
                 and pg_has_role(current_user, c.relowner, 'USAGE')) as "ownedCount"
      from pg_roles r where r.rolname = current_user`),
  );
  if (!facts) return "The database role could not be identified.";
  const advice = `connect the portal as ${APP_ROLE}; migrations and the seed use DATABASE_MIGRATION_URL`;
  if (facts.superuser) return `The database role "${facts.role}" is a superuser, which row-level security does not bind: ${advice}.`;
  if (facts.bypassrls) return `The database role "${facts.role}" has BYPASSRLS, which row-level security does not bind: ${advice}.`;
  if (facts.owned) {
    return `The database role "${facts.role}" owns ${facts.ownedCount} table(s) in public (such as ${facts.owned}), so it is the migration owner: ${advice}.`;
  }
  return null;
}
