import { defineConfig, devices } from "@playwright/test";

const isCI = Boolean(process.env.CI);
const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";
// Encrypts identity providers' client secrets in the portal under test; e2e/sso.spec.ts seals one
// with it too, so it is set here, where both the server and the test workers see it.
const secretsKey = (process.env.SECRETS_KEY ??= "YnJvd3Nlci10ZXN0cy1vbmx5LXNlY3JldHMta2V5ISE=");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  // A TOTP code is accepted once per time step, so a second sign-in of one account may wait up to 30 s.
  timeout: 90_000,
  forbidOnly: isCI,
  retries: 0,
  workers: isCI ? 1 : undefined,
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT ?? "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        },
      },
    },
  ],
  webServer: {
    command: "node node_modules/next/dist/bin/next start -p 3100 -H 127.0.0.1",
    url: `${baseURL}/`,
    reuseExistingServer: !isCI,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // The built portal runs in production mode, which requires a secret; tests bring their own.
    env: {
      AUTH_SECRET: process.env.AUTH_SECRET ?? "browser-tests-only-secret-0123456789abcdef",
      SECRETS_KEY: secretsKey,
    },
  },
});
