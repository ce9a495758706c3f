import { randomBytes } from "node:crypto";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import type { SubmitterToken } from "@/reliability/support/database";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import { closedLoop, cpuSeconds, openLoop, type LoadResult, type Send } from "./http-load";
import type { Figure } from "./measure";

/** Rate limits high enough that the benchmark measures the work, not the limiter's refusals. */
export const UNLIMITED_API = { API_RATE_LIMIT_PER_TOKEN: "100000", API_RATE_LIMIT_PER_ORGANISATION: "1000000" };

/**
 * `POST /api/v1/disclosures` with valid submissions spread over the partners' tokens, each with a
 * partner reference of its own (so the duplicate check runs, as it does for partner systems).
 */
export function submitter(baseURL: string, tokens: readonly SubmitterToken[]): Send {
  const run = randomBytes(4).toString("hex");
  const bodies = tokens.map((token, index) =>
    generateDisclosures({ seed: 9_000 + index, count: 50, partnerType: token.partnerType, ladCodes: [token.ladCode], months: ["2026-08", "2026-09", "2026-10"] }).map((record) =>
      JSON.stringify(toDisclosureInput(record.disclosure, record.threatAreas)).slice(0, -1),
    ),
  );
  // References count on from each submitter's own start, so no two requests of a run share one.
  let made = 0;
  return async (sequence) => {
    const which = sequence % tokens.length;
    const body = `${bodies[which]![sequence % 50]!},"partner_reference":"bench-${run}-${made++}"}`;
    const response = await fetch(`${baseURL}/api/v1/disclosures`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[which]!.token}`, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return response.status;
  };
}

function health(baseURL: string): Send {
  return async () => {
    const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    return response.status;
  };
}

/** A closed-loop result with the portal's CPU per request over it, when the process can be read. */
type Measured = LoadResult & { cpuMsPerRequest?: number };

export type SubmissionRun = { health: Measured; submissions: Measured; offered: LoadResult; offeredRate: number };

/**
 * Health and submissions at 10 clients for `seconds` each, then submissions at an offered rate.
 * `portalPid` is the portal's process: its CPU time per request is the figure that holds on a
 * busy machine, where throughput depends on everything else running.
 */
export async function loadSubmissions(
  baseURL: string,
  tokens: readonly SubmitterToken[],
  { seconds, offeredRate, portalPid }: { seconds: number; offeredRate: number; portalPid?: number },
): Promise<SubmissionRun> {
  const submit = submitter(baseURL, tokens);
  // A short warm-up, so the first requests' compilation and connections are not measured.
  await closedLoop(health(baseURL), { clients: 2, seconds: 1, expected: 200 });
  await closedLoop(submit, { clients: 2, seconds: 1, expected: 201 });
  const measured = async (send: Send, expected: number): Promise<Measured> => {
    const before = cpuSeconds(portalPid);
    const result = await closedLoop(send, { clients: 10, seconds, expected });
    const after = cpuSeconds(portalPid);
    return before === undefined || after === undefined ? result : { ...result, cpuMsPerRequest: ((after - before) * 1000) / result.requests };
  };
  const healthResult = await measured(health(baseURL), 200);
  const submissions = await measured(submit, 201);
  const offered = await openLoop(submit, { rate: offeredRate, seconds, expected: 201 });
  return { health: healthResult, submissions, offered, offeredRate };
}

/** The run as figures, each beside its target from the issue. */
export function submissionFigures(run: SubmissionRun): Figure[] {
  const { health: ceiling, submissions, offered, offeredRate } = run;
  return [
    { name: "GET /api/health, 10 clients (the framework-plus-one-query ceiling)", value: ceiling.perSecond, unit: "req/s", higherIsBetter: true },
    {
      name: "POST /api/v1/disclosures, 10 clients",
      value: submissions.perSecond,
      unit: "req/s",
      higherIsBetter: true,
      ceiling: 0.4 * ceiling.perSecond,
      ceilingNote: "target: at least 40% of /api/health",
    },
    { name: "POST /api/v1/disclosures, 10 clients (p50)", value: submissions.p50, unit: "ms" },
    ...(submissions.cpuMsPerRequest === undefined || ceiling.cpuMsPerRequest === undefined
      ? []
      : [{ name: "Portal CPU per submission", value: submissions.cpuMsPerRequest, unit: "ms", ceiling: ceiling.cpuMsPerRequest / 0.4, ceilingNote: `what 40% of /api/health allows: health costs ${ceiling.cpuMsPerRequest.toFixed(2)} ms` }]),
    { name: "POST /api/v1/disclosures, 10 clients (p99)", value: submissions.p99, unit: "ms" },
    { name: "POST /api/v1/disclosures, 10 clients: errors", value: submissions.errors, unit: "requests", ceiling: 0, ceilingNote: "none" },
    { name: `POST /api/v1/disclosures at an offered ${offeredRate}/s (p50)`, value: offered.p50, unit: "ms" },
    { name: `POST /api/v1/disclosures at an offered ${offeredRate}/s (p95)`, value: offered.p95, unit: "ms" },
    { name: `POST /api/v1/disclosures at an offered ${offeredRate}/s (p99)`, value: offered.p99, unit: "ms", ceiling: 100, ceilingNote: "target" },
    { name: `POST /api/v1/disclosures at an offered ${offeredRate}/s: errors`, value: offered.errors, unit: "requests", ceiling: 0, ceilingNote: "none" },
  ];
}
