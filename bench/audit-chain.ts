import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { connectServer } from "@/db/connect";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { migrateDatabase } from "@/db/migrate";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { verifyChain } from "@/lib/audit/verify";

// The audit chain's cost under concurrent writers (docs/security.md#audit-log), on the server in
// DATABASE_URL, in a throwaway database: W writers each run T transactions that write one audit
// event and then do a little more work (a 5 ms pause, standing for the rest of a submission),
// sealed three ways: at commit (the portal's sealer), at insert (the same sealer made immediate,
// so the head stays locked for the rest of each transaction), and not at all (the sealer off).
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx --tsconfig tsconfig.cli.json bench/audit-chain.ts

const WRITERS = Number(process.env.WRITERS ?? 50);
const TRANSACTIONS = Number(process.env.TRANSACTIONS ?? 20);
const WORK_MS = Number(process.env.WORK_MS ?? 5);

type Mode = "at commit" | "at insert" | "unchained";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL server (loopback).");
  const name = `vawg_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await connectServer(target.toString(), { max: WRITERS });
  try {
    await migrateDatabase(handle);
    for (const mode of ["at commit", "at insert", "unchained", "at commit"] as Mode[]) {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          for (let round = 0; round < TRANSACTIONS; round++) {
            const work = async (tx: Database) => {
              if (mode === "at insert") await tx.execute(sql`set constraints audit_events_seal immediate`);
              await recordAudit(tx, auditEvent(null, "disclosure.submitted", { details: { writer, round } }));
              await tx.execute(sql`select pg_sleep(${WORK_MS / 1000})`);
            };
            // Turning triggers off takes the owner (a superuser), so that mode skips the app role.
            if (mode !== "unchained") await withContext(handle.db, {}, work);
            else
              await handle.db.transaction(async (tx) => {
                await tx.execute(sql`set local session_replication_role = replica`);
                await work(tx as unknown as Database);
              });
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const total = WRITERS * TRANSACTIONS;
      console.log(`${mode.padEnd(10)} ${total} transactions by ${WRITERS} writers in ${seconds.toFixed(2)} s: ${(total / seconds).toFixed(0)} per second`);
    }
    const verdict = await verifyChain(handle.db, {});
    console.log(`verification: ${verdict.checked} links, ${verdict.intact ? "intact" : `broken: ${verdict.broken?.message}`} (the unchained events show as unsealed)`);
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
