import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedDatabaseBusyError, acquireEmbeddedLock } from "./embedded-lock";

const folders: string[] = [];
function dataDir() {
  const folder = mkdtempSync(join(tmpdir(), "vawg-lock-"));
  folders.push(folder);
  return join(folder, "pglite");
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("the embedded database lock", () => {
  it("records the owning process beside the folder and removes itself on release", () => {
    const dir = dataDir();
    const release = acquireEmbeddedLock(dir);
    expect(JSON.parse(readFileSync(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses a second owner while the first is alive, with a message that says what to do", async () => {
    const dir = dataDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(`${dir}.lock`, JSON.stringify({ pid: other.pid }));
      expect(() => acquireEmbeddedLock(dir)).toThrow(EmbeddedDatabaseBusyError);
      expect(() => acquireEmbeddedLock(dir)).toThrow(
        new RegExp(`already open in process ${other.pid}.*set DATABASE_URL`),
      );
    } finally {
      other.kill();
    }
  });

  it("refuses the same process opening the folder twice", () => {
    const dir = dataDir();
    const release = acquireEmbeddedLock(dir);
    try {
      expect(() => acquireEmbeddedLock(dir)).toThrow(EmbeddedDatabaseBusyError);
    } finally {
      release();
    }
  });

  it("takes over a lock left by a process that has died", async () => {
    const dir = dataDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: dead.pid }));
    const release = acquireEmbeddedLock(dir);
    expect(JSON.parse(readFileSync(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
    release();
  });

  it("takes over a lock file that holds no readable owner", () => {
    const dir = dataDir();
    writeFileSync(`${dir}.lock`, "garbage");
    const release = acquireEmbeddedLock(dir);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
