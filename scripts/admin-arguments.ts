import { parseArgs } from "node:util";
import { bootstrapAdminInput, type BootstrapAdminInput } from "@/lib/invitations/bootstrap";

const ADMIN_CREATE_USAGE =
  'Usage: npm run admin:create -- --email someone@example.org --name "Full Name" [--organisation "National VAWG Coordination"] [--force]';

/** `npm run admin:create`'s arguments, checked; a problem is one line to print before exiting with status 2. */
export function parseAdminCreateArguments(argv: string[]): { ok: true; input: BootstrapAdminInput } | { ok: false; problem: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: "string" }, name: { type: "string" }, organisation: { type: "string" }, force: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, problem: `${error instanceof Error ? error.message : String(error)}\n${ADMIN_CREATE_USAGE}` };
  }
  const parsed = bootstrapAdminInput.safeParse({
    email: values.email ?? "",
    name: values.name ?? "",
    organisation: values.organisation,
    force: values.force ?? false,
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const problems = parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`);
  return { ok: false, problem: `${problems.join("; ")}\n${ADMIN_CREATE_USAGE}` };
}
