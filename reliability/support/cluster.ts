import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A PostgreSQL cluster of the test's own, in a temporary folder, listening on a spare loopback
 * port: what a test stops and starts, never the shared server. Run as the `postgres` OS user
 * when the tests run as root (PostgreSQL refuses to run as root), else as the current user.
 */
export type ThrowawayCluster = {
  /** A superuser URL for the cluster's `postgres` database, trusting loopback. */
  url: string;
  port: number;
  /**
   * Stops the server at once (`-m fast`: sessions end, open transactions roll back). Stopping and
   * starting never block this process, so a load it runs goes on being sent and timed meanwhile.
   */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster if it runs and deletes its folder; again is a no-op. */
  remove(): void;
};

function binDir(): string {
  for (const candidate of [process.env.PG_BINDIR, "/usr/lib/postgresql/15/bin"]) {
    if (candidate && existsSync(join(candidate, "initdb"))) return candidate;
  }
  return execFileSync("pg_config", ["--bindir"]).toString().trim();
}

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("No free port"))));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** The command line that runs one of the server's programs as the cluster's owner. */
function asOwner(program: string, args: string[]): [string, string[]] {
  const path = join(binDir(), program);
  return asRoot ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, args];
}

/** Runs one of the server's programs, failing with its output. */
function run(program: string, args: string[]): void {
  const result = spawnSync(...asOwner(program, args), { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${program} ${args.join(" ")} failed (${result.status}): ${result.stdout}${result.stderr}`);
}

/** The same, without blocking this process while it runs. */
function runInBackground(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(...asOwner(program, args), { encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${program} ${args.join(" ")} failed (${error.code ?? error.signal}): ${stdout}${stderr}`)) : resolve(),
    );
  });
}

export async function createCluster(): Promise<ThrowawayCluster> {
  const folder = mkdtempSync(join(tmpdir(), "vawg-cluster-"));
  const data = join(folder, "data");
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
    chownSync(folder, id("-u"), id("-g"));
  }
  chmodSync(folder, 0o700);
  const port = await sparePort();
  let running = false;
  let removed = false;
  const stopArgs = ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"];
  // Loopback only, the socket in the cluster's own folder; fsync off, as nothing here must survive a crash of the machine.
  const startArgs = ["-D", data, "-l", join(folder, "server.log"), "-w", "-t", "30", "-o", `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`, "start"];
  const cluster: ThrowawayCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (!running) return;
      await runInBackground("pg_ctl", stopArgs);
      running = false;
    },
    async start() {
      await runInBackground("pg_ctl", startArgs);
      running = true;
    },
    remove() {
      if (removed) return;
      removed = true;
      try {
        if (running) run("pg_ctl", stopArgs);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"]);
    run("pg_ctl", startArgs);
    running = true;
  } catch (error) {
    cluster.remove();
    throw error;
  }
  return cluster;
}
