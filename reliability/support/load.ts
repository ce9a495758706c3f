import { randomBytes } from "node:crypto";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import type { SubmitterToken } from "./database";

/** One POST /api/v1/disclosures and how it ended. Status 0: no HTTP answer at all. */
export type Outcome = {
  submitter: number;
  orgId: string;
  reference: string;
  status: number;
  /** The stored disclosure's id, from a 201. */
  id?: string;
  /** A refusal's problem+json detail, or the network error. */
  detail?: string;
  contentType?: string;
  startedAt: number;
  latencyMs: number;
};

export type LoadOptions = {
  baseURL: string;
  tokens: readonly SubmitterToken[];
  submitters: number;
  durationMs: number;
  /** Each request gives up after this long: the run always ends. */
  requestTimeoutMs?: number;
};

/**
 * `submitters` concurrent partner systems, each posting valid disclosures one after another
 * (each with a partner reference of its own) until `durationMs` has passed, spread over the
 * tokens' organisations. Resolves with every request's outcome once the last one has ended.
 */
export async function runLoad({ baseURL, tokens, submitters, durationMs, requestTimeoutMs = 90_000 }: LoadOptions): Promise<Outcome[]> {
  const run = randomBytes(4).toString("hex");
  const bodies = tokens.map((token, index) =>
    generateDisclosures({ seed: 7_000 + index, count: 50, partnerType: token.partnerType, ladCodes: [token.ladCode], months: ["2026-08", "2026-09", "2026-10"] }).map((record) =>
      toDisclosureInput(record.disclosure, record.threatAreas),
    ),
  );
  const outcomes: Outcome[] = [];
  const stopAt = Date.now() + durationMs;
  const submitter = async (number: number) => {
    const which = number % tokens.length;
    const token = tokens[which]!;
    for (let sequence = 0; Date.now() < stopAt; sequence++) {
      const reference = `load-${run}-${number}-${sequence}`;
      const body = { ...bodies[which]![sequence % bodies[which]!.length], partner_reference: reference };
      const startedAt = Date.now();
      const outcome: Outcome = { submitter: number, orgId: token.orgId, reference, status: 0, startedAt, latencyMs: 0 };
      try {
        const response = await fetch(`${baseURL}/api/v1/disclosures`, {
          method: "POST",
          headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        outcome.status = response.status;
        outcome.contentType = response.headers.get("content-type") ?? undefined;
        const text = await response.text();
        const parsed = parseJson(text) as { id?: unknown; detail?: unknown } | undefined;
        if (response.status === 201 && typeof parsed?.id === "string") outcome.id = parsed.id;
        else outcome.detail = typeof parsed?.detail === "string" ? parsed.detail : text.slice(0, 200);
        // A refused submitter waits as told (or a moment) before its next try, as a partner system would.
        if (response.status === 429 || response.status === 503) {
          const retryAfter = Number(response.headers.get("retry-after") ?? "1");
          await sleep(Math.min(Number.isFinite(retryAfter) ? retryAfter : 1, 5) * 1000);
        }
      } catch (error) {
        outcome.detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        await sleep(250);
      }
      outcome.latencyMs = Date.now() - startedAt;
      outcomes.push(outcome);
    }
  };
  await Promise.all(Array.from({ length: submitters }, (_, number) => submitter(number)));
  return outcomes;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Throughput and latency of a run, for the report (never asserted: speed belongs to benchmarks). */
export function describeLoad(outcomes: readonly Outcome[], durationMs: number): string {
  const accepted = outcomes.filter((outcome) => outcome.status === 201);
  const latencies = accepted.map((outcome) => outcome.latencyMs).sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0;
  const byStatus = new Map<number, number>();
  for (const outcome of outcomes) byStatus.set(outcome.status, (byStatus.get(outcome.status) ?? 0) + 1);
  return [
    `${outcomes.length} requests in ${(durationMs / 1000).toFixed(0)} s; by status: ${[...byStatus].map(([status, n]) => `${status}×${n}`).join(", ")}`,
    `accepted ${accepted.length} (${((accepted.length * 1000) / durationMs).toFixed(1)}/s); latency of accepted p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${latencies.at(-1) ?? 0} ms`,
  ].join("\n");
}
