import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { OperatorError } from "@/lib/operator-error";

/**
 * PGlite has no lock of its own, and two processes writing one folder silently lose data.
 * A lock file beside the folder names its owner; a second process is refused while the owner lives.
 */
export class EmbeddedDatabaseBusyError extends OperatorError {
  override name = "EmbeddedDatabaseBusyError";
}

export function acquireEmbeddedLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(lockPath);
      if (owner !== undefined && isAlive(owner)) {
        throw new EmbeddedDatabaseBusyError(
          `The embedded database in ${dataDir} is already open in process ${owner}. ` +
            "Stop that process, or set DATABASE_URL to use a PostgreSQL server.",
        );
      }
      // The owner died without cleaning up: the lock is stale, so take it over.
      unlinkSync(lockPath);
    }
  }
  throw new EmbeddedDatabaseBusyError(`Could not lock the embedded database in ${dataDir}.`);
}

function readOwner(lockPath: string): number | undefined {
  try {
    const pid = Number((JSON.parse(readFileSync(lockPath, "utf8")) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
