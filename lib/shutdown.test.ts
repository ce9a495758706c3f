import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createLogger, replaceLogger } from "./log";
import { shutDown, trackHttpServers } from "./shutdown";

replaceLogger(createLogger({ level: "silent" }));

/** A GET answered with status and body, or the connection error's code. */
function get(port: number): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/", agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode!, body }));
    });
    request.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

describe("graceful shutdown", () => {
  it("refuses new connections, finishes the request in flight and the current job, closes the database, then exits 0", async () => {
    trackHttpServers();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let requestArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (requestArrived = resolve));
    const server = http.createServer((_request, response) => {
      requestArrived();
      void released.then(() => response.end("finished after the signal"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;

    const slow = get(port);
    await arrived;

    const steps: string[] = [];
    let finishJob!: () => void;
    const job = new Promise<void>((resolve) => (finishJob = resolve));
    let exitCode: number | undefined;
    const stopping = shutDown(
      {
        graceSeconds: 10,
        stopJobs: async () => {
          await job;
          steps.push("jobs stopped");
        },
        closeDatabase: async () => void steps.push("database closed"),
        exit: (code) => void (exitCode = code),
      },
      "SIGTERM",
    );

    // No longer listening, while the slow request is still being served and the job still runs.
    expect(await get(port)).toEqual({ error: "ECONNREFUSED" });
    expect(steps).toEqual([]);
    expect(exitCode).toBeUndefined();

    finishJob();
    release();
    expect(await slow).toEqual({ status: 200, body: "finished after the signal" });
    await stopping;
    expect(steps).toEqual(["jobs stopped", "database closed"]);
    expect(exitCode).toBe(0);
  });
});
