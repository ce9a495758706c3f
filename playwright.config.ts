import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { PORTAL_NODE_OPTIONS } from "./e2e/support/portal";

const isCI = Boolean(process.env.CI);

/**
 * The portal under test listens on a port the system finds free, chosen once in the runner
 * process: the workers it starts inherit it through the environment, so all agree on it.
 */
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); })",
]).toString();
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT}`;
// Encrypts identity providers' client secrets in the portal under test; e2e/sso.spec.ts seals one
// with it too, so it is set here, where both the server and the test workers see it.
// Random for each run: the built portal runs in production mode, which refuses guessable keys.
const secretsKey = (process.env.SECRETS_KEY ??= randomBytes(32).toString("base64"));
const authSecret = (process.env.AUTH_SECRET ??= "browser-tests-only-secret-0123456789abcdef");

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  timeout: 60_000,
  forbidOnly: isCI,
  retries: 0,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT ?? "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    // Signs in each shared demo account once; every other test resumes those sessions.
    { name: "sessions", testMatch: /accounts\.setup\.ts$/, use: chromium },
    { name: "chromium", testIgnore: /accounts\.setup\.ts$/, dependencies: ["sessions"], use: chromium },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: `node ${PORTAL_NODE_OPTIONS.join(" ")} node_modules/next/dist/bin/next start -p ${process.env.E2E_PORT} -H 127.0.0.1`,
        url: `${baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: "pipe",
        stderr: "pipe",
        // The built portal runs in production mode, which requires a secret; tests bring their own.
        env: { AUTH_SECRET: authSecret, SECRETS_KEY: secretsKey },
      },
});
