import { getEnv, type Env } from "@/lib/env";
import type { SessionPolicy } from "./sessions";

/** Idle and absolute session limits (30 minutes and 12 hours unless configured). */
export function sessionPolicy(env: Env = getEnv()): SessionPolicy {
  return { idleMinutes: env.SESSION_IDLE_MINUTES, absoluteHours: env.SESSION_ABSOLUTE_HOURS };
}
