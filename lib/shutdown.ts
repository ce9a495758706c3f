import http from "node:http";
import https from "node:https";
import type { Server } from "node:net";
import { log } from "./log";

/**
 * Graceful shutdown (docs/architecture.md#shutdown). On SIGTERM or SIGINT the process stops
 * accepting connections, lets the requests in flight finish, lets the job runner finish the job it
 * is running (and start no other), closes the database, and exits 0; whatever has not finished
 * when the grace period ends is cut off and the process exits 1.
 *
 * Next.js's own handler (`next start`) closes its server and exits at once with 143, whatever is
 * still running in the process; it is replaced by this one. The HTTP servers are found the way
 * lib/http/client-address.ts finds requests: through the server's "connection" and "request"
 * events, which also count the requests in flight.
 */

type Step = () => Promise<void>;
type Options = {
  graceSeconds: number;
  /** Stops the job runner after its current job; omitted where no runner runs. */
  stopJobs?: Step;
  closeDatabase: Step;
  exit?: (code: number) => void;
};

type Tracker = { servers: Set<Server>; inFlight: number; closing: boolean };
const TRACKER = Symbol.for("vawg-portal.shutdown-tracker");

function tracker(): Tracker {
  const holder = globalThis as { [TRACKER]?: Tracker };
  return (holder[TRACKER] ??= { servers: new Set(), inFlight: 0, closing: false });
}

/** Notes every HTTP server this process runs and the requests each is serving. Installed once. */
export function trackHttpServers(): void {
  const state = tracker();
  const marked = http.Server.prototype as { [TRACKER]?: true };
  if (marked[TRACKER]) return;
  marked[TRACKER] = true;
  for (const prototype of [http.Server.prototype, https.Server.prototype]) {
    const emit = prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
    prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "connection" || event === "request") {
        if (!state.servers.has(this)) {
          state.servers.add(this);
          // A server first heard from while closing stops listening now.
          if (state.closing) this.close();
        }
      }
      if (event === "request") {
        state.inFlight++;
        let done = false;
        (args[1] as http.ServerResponse).once("close", () => {
          if (done) return;
          done = true;
          state.inFlight--;
        });
      }
      return emit.call(this, event, ...args);
    } as typeof prototype.emit;
  }
}

/** Shuts the process down as the module comment says; the exit code says whether all finished in time. */
export async function shutDown({ graceSeconds, stopJobs, closeDatabase, exit = (code) => process.exit(code) }: Options, signal: string): Promise<void> {
  const state = tracker();
  if (state.closing) return;
  state.closing = true;
  log.info({ signal, graceSeconds, inFlight: state.inFlight }, "Shutting down: no new connections; finishing requests in flight and the current job");
  const deadline = Date.now() + graceSeconds * 1000;
  const closed = [...state.servers].map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
  const jobs = stopJobs?.().catch((error: unknown) => log.error({ err: error }, "The job runner did not stop cleanly")) ?? Promise.resolve();

  let jobsDone = false;
  void jobs.then(() => (jobsDone = true));
  while (Date.now() < deadline && (state.inFlight > 0 || !jobsDone)) {
    // Keep-alive connections go as soon as they fall idle; busy ones once their response is sent.
    for (const server of state.servers) (server as http.Server).closeIdleConnections?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const finished = state.inFlight === 0 && jobsDone;
  for (const server of state.servers) (server as http.Server).closeAllConnections?.();
  await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 1000))]);
  try {
    await closeDatabase();
  } catch (error) {
    log.error({ err: error }, "The database did not close cleanly");
  }
  if (finished) log.info("Shut down cleanly");
  else log.error({ inFlight: state.inFlight, jobsStopped: jobsDone }, "The grace period ended before everything finished");
  exit(finished ? 0 : 1);
}

/**
 * Handles SIGTERM and SIGINT from now on, in place of any handler already there (Next.js's). The
 * first signal starts the shutdown; another is ignored while it runs.
 */
export function installGracefulShutdown(options: Options): void {
  trackHttpServers();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutDown(options, signal));
  }
}
