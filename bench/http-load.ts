import { readFileSync } from "node:fs";
import { percentile } from "./measure";

/**
 * Load on the portal over loopback, always bounded in time and count: closed loops (a number of
 * clients, each sending its next request when the last one answers) measure throughput; an open
 * loop (requests started on a fixed schedule whatever the answers) measures latency at an offered
 * rate, as partner systems arriving independently would see it.
 */

/** One request: resolves with the HTTP status (0 when there was no answer). */
export type Send = (sequence: number) => Promise<number>;

export type LoadResult = {
  requests: number;
  /** Answers that were not the expected status, and requests with no answer at all. */
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
};

function summarise(latencies: number[], errors: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: (latencies.length - errors) / seconds,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}

async function attempt(send: Send, sequence: number, expected: number): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  let status = 0;
  try {
    status = await send(sequence);
  } catch {
    status = 0;
  }
  return { ms: performance.now() - start, ok: status === expected };
}

/** `clients` loops sending one request after another for `seconds`. */
export async function closedLoop(send: Send, { clients, seconds, expected }: { clients: number; seconds: number; expected: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let sequence = 0;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < stopAt) {
        const { ms, ok } = await attempt(send, sequence++, expected);
        latencies.push(ms);
        if (!ok) errors++;
      }
    }),
  );
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}

/**
 * Requests started `rate` times a second for `seconds`, each on its own. Latency counts from the
 * scheduled start, so a server that falls behind shows it (no coordinated omission); a request
 * the schedule could not start because `maxInFlight` were waiting counts as an error.
 */
export async function openLoop(send: Send, { rate, seconds, expected, maxInFlight = 500 }: { rate: number; seconds: number; expected: number; maxInFlight?: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const total = Math.round(rate * seconds);
  for (let sequence = 0; sequence < total; sequence++) {
    const due = started + (sequence * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= maxInFlight) {
      errors++;
      continue;
    }
    inFlight++;
    pending.push(
      attempt(send, sequence, expected).then(({ ok }) => {
        inFlight--;
        latencies.push(performance.now() - due);
        if (!ok) errors++;
      }),
    );
  }
  await Promise.all(pending);
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is none. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmHWM:"));
    return line ? Number(line.replace(/\D+/g, "")) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
