import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from "@/lib/mail/testing";

export { startTestSmtpServer, type ReceivedMail, type TestSmtpServer };

/** The invitation link in an e-mail: the line that is one. */
export function invitationLinkIn(mail: ReceivedMail): string {
  const link = mail.text.split("\n").find((line) => /^https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}$/.test(line.trim()));
  if (!link) throw new Error(`No invitation link in the e-mail to ${mail.envelopeTo.join(", ")}:\n${mail.text}`);
  return link.trim();
}

export type PortalWithMail = {
  baseURL: string;
  smtp: TestSmtpServer;
  /** What the portal wrote to stderr, for a failing test's report. */
  stderr(): string;
  stop(): Promise<void>;
};

/**
 * A second instance of the built portal that e-mails through a test SMTP server. It shares the
 * main portal's database when that is a server (DATABASE_URL); otherwise it gets a freshly
 * seeded embedded database of its own, since two processes must never open one PGlite folder.
 */
export async function startPortalWithMail(): Promise<PortalWithMail> {
  const smtp = await startTestSmtpServer();
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SMTP_URL: smtp.url,
    MAIL_FROM: "VAWG partner portal (browser tests) <no-reply@vawg-portal.example>",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "browser-tests-only-secret-0123456789abcdef",
    PORTAL_URL: "",
  };
  let dataDir: string | null = null;
  if (!process.env.DATABASE_URL) {
    dataDir = await mkdtemp(join(tmpdir(), "vawg-e2e-mail-"));
    Object.assign(env, { PGLITE_DATA_DIR: join(dataDir, "pglite"), SEED_DISCLOSURES_PER_PARTNER: "0" });
    const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "db/cli/seed.ts"], { env: { ...env, NODE_ENV: "development" } });
    if (seeded.status !== 0) throw new Error(`Seeding the mail portal's database failed: ${seeded.stderr.toString()}`);
  }
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  server.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    await stopProcess(server);
    await smtp.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(baseURL, server, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, smtp, stderr: () => stderr, stop };
}

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

async function waitUntilUp(baseURL: string, server: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The mail portal stopped (${server.exitCode}): ${stderr()}`);
    try {
      const response = await fetch(`${baseURL}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The mail portal did not start within a minute: ${stderr()}`);
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
