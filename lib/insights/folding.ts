import { sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { rowsOf } from "@/db/database";
import { describeFailure } from "@/db/errors";
import { startTicker, type Ticker } from "@/lib/jobs/ticker";
import { log as portalLog } from "@/lib/log";

// docs/insights.md#counting: submissions, corrections, withdrawals and purges log what they change
// in insight_changes; these fold the log into insight_counts, oldest first, through the database's
// app_fold_insight_changes. Folding is safe from any number of processes at once: one fold runs at
// a time and each change is folded exactly once.

/** Changes folded per transaction: about 0.3 s of work at a million disclosures (docs/performance.md). */
const FOLD_BATCH = 2_000;

/** How often the folding loop looks for changes: well within the 60 s a submission may take to show. */
const FOLD_INTERVAL_MS = 5_000;

/** Folds up to `limit` changes; `wait` waits for a fold under way instead of leaving the work to it. */
export async function foldInsightChanges(db: Database, { limit = FOLD_BATCH, wait }: { limit?: number; wait: boolean }): Promise<number> {
  const [row] = rowsOf<{ folded: number }>(await db.execute(sql`select app_fold_insight_changes(${limit}::integer, ${wait}) as folded`));
  return Number(row!.folded);
}

/** Folds batch after batch until the log is empty, `stopping` says so, or (without `wait`) another process is folding; returns how many. */
export async function foldAllInsightChanges(db: Database, { wait, stopping = () => false }: { wait: boolean; stopping?: () => boolean }): Promise<number> {
  let total = 0;
  for (;;) {
    const folded = await foldInsightChanges(db, { wait });
    total += folded;
    if (folded < FOLD_BATCH || stopping()) return total;
  }
}

/**
 * Before the counts are read: whatever was committed before now, up to one batch, is folded (after
 * any fold under way), so a reader sees their own submission. A larger backlog, such as a bulk
 * upload just committed, is left to the folding loop, and shows within seconds.
 */
export async function foldBeforeReading(db: Database): Promise<void> {
  await foldInsightChanges(db, { wait: true });
}

export type InsightFolding = Ticker;

type FoldLog = { info(message: string): void; error(message: string): void };

const structuredLog: FoldLog = {
  info: (message) => portalLog.info({ component: "insight-folding" }, message),
  error: (message) => portalLog.error({ component: "insight-folding" }, message),
};

/**
 * Folds every `intervalMs`, batch after batch until the log is empty or another process is folding;
 * a tick never overlaps the last, and stopping folds no further batch. A failure is logged and tried
 * again next tick: the changes stay logged until a fold commits.
 */
export function startInsightFolding(db: Database, { intervalMs = FOLD_INTERVAL_MS, log = structuredLog }: { intervalMs?: number; log?: FoldLog } = {}): InsightFolding {
  return startTicker(
    async (stopping) => {
      const total = await foldAllInsightChanges(db, { wait: false, stopping });
      if (total >= FOLD_BATCH) log.info(`Folded a backlog of ${total} insight changes`);
    },
    {
      intervalMs,
      onError: (error) => log.error(`Could not fold the insight changes: ${describeFailure(error)}`),
    },
  );
}
