import { getTableName, sql, type Table } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { Database } from "./database";

/**
 * Many rows of one table in one statement with one parameter: the rows as a JSON array that
 * PostgreSQL unpacks into the table's own row type (`jsonb_populate_recordset`). A VALUES list of a
 * thousand disclosures has some forty thousand parameters, and building, sending and planning them
 * took longer than inserting the rows. Every row must give the same columns, as drizzle's keys
 * (the schema's camelCase, stored in snake_case); the columns not given take their defaults. Dates
 * go as ISO instants, arrays as JSON arrays, exactly as the column types read them.
 */
export async function insertRows<Row extends Record<string, unknown>>(tx: Database, table: Table, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]!);
  const columns = keys.map((key) => toSnakeCase(key));
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(keys.map((key, index) => [columns[index], row[key] ?? null]))));
  const names = sql.join(
    columns.map((column) => sql.identifier(column)),
    sql`, `,
  );
  const name = sql.identifier(getTableName(table));
  await tx.execute(sql`insert into ${name} (${names}) select ${names} from jsonb_populate_recordset(null::${name}, ${json}::jsonb)`);
}
