ALTER TABLE "users" ADD COLUMN "mfa_failed_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mfa_locked_at" timestamp with time zone;--> statement-breakpoint
-- Wrong second-factor codes in a row across every sign-in challenge, and the lock-out they lead to
-- (lib/auth/sign-in.ts). Authenticator secrets are sealed in TypeScript after the migrations
-- (db/migrate.ts, lib/auth/totp-secret.ts): SQL cannot encrypt with the secret box.
COMMENT ON COLUMN users.mfa_locked_at IS 'Set after too many wrong second-factor codes; cleared by an org manager or admin (mfa.unlocked).';
