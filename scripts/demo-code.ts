// `npm run demo:code`: prints the security code the demo accounts' authenticator would show now
// (README, "Trying it out"). Development only.
import { declaredNodeEnv, getEnv } from "@/lib/env";
import { runCli } from "./command-line";
import { demoCodeReport } from "./demo-code-report";

await runCli(async () => demoCodeReport(declaredNodeEnv(), getEnv, new Date()));
