// `npm run admin:create -- --email … --name …`: invites the first platform administrator of a
// database that has no demo data, and prints the one-time link (README, "A real PostgreSQL server").
import { countPendingMigrations } from "@/db/migrate";
import { getEnv } from "@/lib/env";
import { bootstrapAdmin } from "@/lib/invitations/bootstrap";
import { formatUkDateTime } from "@/lib/mail/invitation-message";
import { OperatorError } from "@/lib/operator-error";
import { parseAdminCreateArguments } from "./admin-arguments";
import { openForCli, runCli } from "./command-line";

const DEVELOPMENT_PORTAL_URL = "http://localhost:3000";

const parsed = parseAdminCreateArguments(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.problem);
  process.exit(2);
}
const input = parsed.input;

await runCli(async () => {
  const env = getEnv();
  const linkBase = env.PORTAL_URL ?? DEVELOPMENT_PORTAL_URL;
  if (!env.PORTAL_URL) console.warn(`PORTAL_URL is unset: the link starts with ${DEVELOPMENT_PORTAL_URL}.`);
  const handle = await openForCli();
  try {
    const pending = await countPendingMigrations(handle);
    if (pending > 0) throw new OperatorError(`The database at ${handle.location} is missing ${pending} migration(s): run \`npm run db:migrate\` first.`);
    const result = await bootstrapAdmin(handle.db, input, { linkBase });
    return [
      result.organisation.created ? `Created the national organisation ${result.organisation.name}.` : `National organisation: ${result.organisation.name}.`,
      `Administrator invitation for ${input.email} (${input.name}), valid until ${formatUkDateTime(result.expiresAt)} UK time.`,
      "Open this link once to choose a password, then sign in and set up the authenticator app:",
      result.link,
    ].join("\n");
  } finally {
    await handle.close();
  }
});
