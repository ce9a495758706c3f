import { sql } from "drizzle-orm";
import type { Database } from "./database";

/**
 * Asks the planner, for the rest of the transaction, to read rows in the order of an index rather
 * than sort them. Under row-level security PostgreSQL does not use column statistics for
 * operators that are not leakproof (enum and array comparisons among them), so it guesses that a
 * filtered page matches almost nothing and would rather read and sort every row than walk an
 * index and stop at the end of the page. A keyset page whose order an index matches calls this
 * first, inside its `withContext` transaction.
 */
export async function preferIndexOrder(tx: Database): Promise<void> {
  await tx.execute(sql`set local enable_sort = off`);
}
