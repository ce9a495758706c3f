import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A port nobody is listening on now, chosen by the system, so parallel runs never collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("No free port"))));
    });
  });
}

/**
 * Node's options for the portal, as `npm start` gives them (package.json): a heap of at most
 * 384 MB. Without a limit V8 sizes the heap from the machine's memory and lets garbage build up
 * under load; with one it collects sooner, at no measured cost in CPU (docs/operations.md#memory).
 */
export const PORTAL_NODE_OPTIONS = ["--max-old-space-size=384"] as const;

export type RunningPortal = {
  baseURL: string;
  process: ChildProcess;
  /** What the portal wrote to stderr so far. */
  stderr(): string;
  /** What the portal wrote to stdout so far: its JSON log lines. */
  stdout(): string;
  stop(): Promise<void>;
};

/**
 * Starts another instance of the built portal on a free port, with `env` added to this process's
 * and any options for Node itself (such as `--cpu-prof`, which NODE_OPTIONS may not carry).
 */
export async function spawnPortal(env: Record<string, string>, nodeOptions: readonly string[] = []): Promise<RunningPortal> {
  const port = await freePort();
  const child = spawn(process.execPath, [...PORTAL_NODE_OPTIONS, ...nodeOptions, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  return { baseURL: `http://127.0.0.1:${port}`, process: child, stderr: () => stderr, stdout: () => stdout, stop: () => stopProcess(child) };
}

/** Waits until the portal answers its health check, failing early if it stops. */
export async function waitUntilUp(portal: RunningPortal, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (portal.process.exitCode !== null) throw new Error(`The portal stopped (${portal.process.exitCode}): ${portal.stderr()}`);
    try {
      if ((await fetch(`${portal.baseURL}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The portal did not start within ${timeoutMs / 1000} s: ${portal.stderr()}`);
}

/** Resolves with the exit code once the portal stops by itself, or rejects after `timeoutMs`. */
export function waitForExit(portal: RunningPortal, timeoutMs = 30_000): Promise<number | null> {
  const child = portal.process;
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void portal.stop();
      reject(new Error(`The portal kept running; stderr: ${portal.stderr()}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
