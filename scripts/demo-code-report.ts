import { base32Decode, totpCode, totpStep } from "@/lib/auth/totp";
import type { Env } from "@/lib/env";
import { OperatorError } from "@/lib/operator-error";

const PERIOD_SECONDS = 30;

/** Refuses in production: the demo secret is published, so its codes open nothing real. */
export class DemoCodeRefusedError extends OperatorError {
  override name = "DemoCodeRefusedError";
}

/**
 * What `npm run demo:code` prints: the current authenticator code for DEMO_TOTP_SECRET, computed
 * as the portal checks it (lib/auth/totp.ts), and how long it stays current. NODE_ENV is checked
 * before anything else is read, so production gets the refusal rather than a configuration error.
 */
export function demoCodeReport(nodeEnv: string | undefined, readEnv: () => Pick<Env, "DEMO_TOTP_SECRET">, now: Date): string {
  if (nodeEnv === "production") {
    throw new DemoCodeRefusedError(
      "demo:code refuses to run with NODE_ENV=production: demo accounts and their shared authenticator secret exist only in development.",
    );
  }
  const code = totpCode(base32Decode(readEnv().DEMO_TOTP_SECRET), now);
  const secondsLeft = (totpStep(now) + 1) * PERIOD_SECONDS - Math.floor(now.getTime() / 1000);
  return `${code}  (security code for the demo accounts; current for ${secondsLeft} more second${secondsLeft === 1 ? "" : "s"})`;
}
