import "server-only";
import { getDatabaseHandle } from "@/db/client";

export type Health = {
  status: "ok" | "unavailable";
  /** The process answers; a load balancer may restart it when this ever reads false. */
  live: true;
  checks: { database: { status: "up" | "down"; latencyMs: number } };
  time: string;
};

const DATABASE_TIMEOUT_MS = 2_000;

/** Liveness and database readiness, for load balancers and monitoring. Reveals nothing else. */
export async function checkHealth(
  ping: () => Promise<void> = pingDatabase,
  timeoutMs = DATABASE_TIMEOUT_MS,
): Promise<Health> {
  const started = performance.now();
  const up = await withTimeout(ping(), timeoutMs).then(
    () => true,
    () => false,
  );
  return {
    status: up ? "ok" : "unavailable",
    live: true,
    checks: { database: { status: up ? "up" : "down", latencyMs: Math.round(performance.now() - started) } },
    time: new Date().toISOString(),
  };
}

async function pingDatabase(): Promise<void> {
  await (await getDatabaseHandle()).ping();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
