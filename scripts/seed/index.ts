import { randomUUID } from "node:crypto";
import { count, sql } from "drizzle-orm";
import type { Role } from "@/lib/access/roles";
import type { Viewer } from "@/lib/access/viewer";
import { agreementDraft } from "@/lib/agreements/schema";
import { createDraft, expireAgreements, getAgreement, sendForSignature, sign } from "@/lib/agreements/service";
import { hashPassword } from "@/lib/auth/password";
import { sealTotpSecret } from "@/lib/auth/totp-secret";
import type { Env } from "@/lib/env";
import { foldAllInsightChanges } from "@/lib/insights/folding";
import { OperatorError } from "@/lib/operator-error";
import { listLocalAuthoritiesInForceArea } from "@/lib/reference";
import type { Database } from "@/db/database";
import * as t from "@/db/schema";
import {
  DEMO_ACCOUNTS,
  DEMO_AGREEMENTS,
  DEMO_ORGANISATIONS,
  DEMO_RECORD_FIELDS,
  SUBMITTING_PARTNERS,
  demoOrganisation,
  type DemoOrganisation,
  type DemoOrganisationKey,
} from "./demo";
import { generateRecordedCrime } from "./recorded-crime";
import { generateDisclosures } from "./synthetic";

export type SeedSummary = { organisations: number; users: number; agreements: number; disclosures: number };

/** Refuses in production: demo accounts share one known password. */
export class SeedRefusedError extends OperatorError {
  override name = "SeedRefusedError";
}

export function assertSeedAllowed(env: Pick<Env, "NODE_ENV">): void {
  if (env.NODE_ENV === "production") {
    throw new SeedRefusedError("The demo seed never runs with NODE_ENV=production.");
  }
}

export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(t.organisations);
  return (row?.n ?? 0) === 0;
}

/**
 * Creates the demo organisations, accounts, agreements and synthetic disclosures in one
 * transaction: a failure leaves the database as it was.
 */
export async function seedDemo(
  db: Database,
  env: Pick<Env, "NODE_ENV" | "DEMO_PASSWORD" | "DEMO_TOTP_SECRET" | "SEED_DISCLOSURES_PER_PARTNER">,
  now = new Date(),
): Promise<SeedSummary> {
  assertSeedAllowed(env);
  // Every demo account shares the one demo password: hashed once (argon2id is slow on purpose).
  const passwordHash = await hashPassword(env.DEMO_PASSWORD);
  const months = lastMonths(now, 24);

  return db.transaction(async (tx) => {
    const orgIds = await insertOrganisations(tx);
    const userIds = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const [user] = await tx
        .insert(t.users)
        .values({
          email: account.email,
          displayName: account.displayName,
          passwordHash,
          totpSecret: sealTotpSecret(env.DEMO_TOTP_SECRET),
          mfaEnrolledAt: now,
        })
        .returning({ id: t.users.id });
      userIds.set(account.email, user!.id);
      await tx.insert(t.memberships).values({ userId: user!.id, orgId: orgIds(account.organisation), role: account.role });
    }

    let disclosureCount = 0;
    for (const [index, key] of SUBMITTING_PARTNERS.entries()) {
      const organisation = demoOrganisation(key);
      const caseworker = DEMO_ACCOUNTS.find((account) => account.organisation === key && account.role === "submitter")!;
      const generated = generateDisclosures({
        seed: 20_251 + index,
        count: env.SEED_DISCLOSURES_PER_PARTNER,
        partnerType: organisation.type,
        ladCodes: ladCodesServedBy(organisation),
        months,
        now,
      });
      disclosureCount += await insertDisclosures(tx, generated, {
        orgId: orgIds(key),
        createdBy: userIds.get(caseworker.email)!,
      });
    }

    for (const [index, key] of (["wyPolice", "gmPolice"] as const).entries()) {
      const forceAreaCode = demoOrganisation(key).forceAreaCode!;
      const returns = generateRecordedCrime({ forceAreaCode, months, seed: index + 1 });
      for (const rows of chunks(returns, 500)) {
        await tx.insert(t.recordedCrimeReturns).values(rows.map((row) => ({ ...row, orgId: orgIds(key) })));
      }
    }

    const viewerOf = (email: string, key: DemoOrganisationKey, role: Role): Viewer => {
      const organisation = demoOrganisation(key);
      const account = DEMO_ACCOUNTS.find((candidate) => candidate.email === email)!;
      return {
        userId: userIds.get(email)!,
        email,
        displayName: account.displayName,
        organisation: { id: orgIds(key), name: organisation.name, type: organisation.type },
        role,
        sessionId: "",
      };
    };
    for (const agreement of DEMO_AGREEMENTS) await createAgreement(tx, agreement, { viewerOf, orgIds, now });
    // The service left the transaction acting as the app role for an admin: back to the owner.
    await tx.execute(sql`select set_config('role', 'none', true), set_config('app.role', '', true), set_config('app.user_id', '', true), set_config('app.org_id', '', true)`);
    // The demo opens with its insight counts current, however many disclosures it holds.
    await foldAllInsightChanges(tx, { wait: true });

    return {
      organisations: DEMO_ORGANISATIONS.length,
      users: DEMO_ACCOUNTS.length,
      agreements: DEMO_AGREEMENTS.length,
      disclosures: disclosureCount,
    };
  });
}

async function insertOrganisations(db: Database) {
  const ids = new Map<DemoOrganisationKey, string>();
  for (const organisation of DEMO_ORGANISATIONS as readonly DemoOrganisation[]) {
    const [row] = await db
      .insert(t.organisations)
      .values({ name: organisation.name, type: organisation.type })
      .returning({ id: t.organisations.id });
    ids.set(organisation.key as DemoOrganisationKey, row!.id);
    if (organisation.forceAreaCode) {
      await db.insert(t.organisationCoverage).values({
        orgId: row!.id,
        forceAreaCode: organisation.forceAreaCode,
        ladCode: organisation.localAuthority ? ladCodeNamed(organisation.forceAreaCode, organisation.localAuthority) : null,
      });
    }
  }
  return (key: DemoOrganisationKey) => ids.get(key)!;
}

/**
 * A demo agreement made the way the portal makes one (lib/agreements/service.ts): the admin drafts
 * it and sends it for signature, each signing party's partner lead reads the terms and signs, and
 * an agreement whose end date has passed is then expired. Runs as the app role inside the seed's
 * transaction, so row-level security and the database's lifecycle checks apply as in the app.
 */
async function createAgreement(
  db: Database,
  agreement: (typeof DEMO_AGREEMENTS)[number],
  context: { viewerOf: (email: string, key: DemoOrganisationKey, role: Role) => Viewer; orgIds: (key: DemoOrganisationKey) => string; now: Date },
) {
  const { viewerOf, orgIds, now } = context;
  const admin = viewerOf("admin@national.example", "national", "admin");
  const parties = new Set<DemoOrganisationKey>([...agreement.providers, ...agreement.recipients]);
  const leadOf = (key: DemoOrganisationKey) => {
    const lead = DEMO_ACCOUNTS.find((account) => account.organisation === key && account.role === "org_manager");
    if (!lead) throw new Error(`No partner lead to sign for ${key}`);
    return lead;
  };
  const record = agreement.recordThreatAreas as readonly string[];
  const draft = agreementDraft.parse({
    reference: agreement.reference,
    title: agreement.title,
    purpose: agreement.purpose,
    parties: Object.fromEntries(
      [...parties].map((key) => {
        const provider = (agreement.providers as readonly string[]).includes(key);
        const recipient = (agreement.recipients as readonly string[]).includes(key);
        const lead = leadOf(key);
        return [orgIds(key), { role: provider && recipient ? "both" : provider ? "provider" : "recipient", contactName: lead.displayName, contactEmail: lead.email }];
      }),
    ),
    processingRegime: "uk_gdpr",
    article6Basis: "6(1)(e) public task",
    article9Condition: "9(2)(g) substantial public interest",
    dpaCondition: "DPA 2018 Schedule 1, paragraph 6 (statutory and government purposes)",
    threatAreas: Object.fromEntries(agreement.threatAreas.map((area) => [area, record.includes(area) ? "record" : "aggregate"])),
    fields: record.length > 0 ? [...DEMO_RECORD_FIELDS] : [],
    geography: agreement.forceAreas.map((forceAreaCode) => ({ forceAreaCode, ladCode: null })),
    disclosureThreshold: 5,
    roundToBase5: record.length === 0,
    retentionMonths: 36,
    startDate: isoDate(addMonths(now, agreement.startsInMonths)),
    endDate: isoDate(addMonths(now, agreement.endsInMonths)),
    reviewDate: isoDate(addMonths(now, agreement.startsInMonths + 12)),
    securityConditions: "Data stays in the portal; exports are kept on the recipient's secure network and deleted at the end of the retention period.",
    onwardSharing: "None without the written agreement of the providing party.",
  });
  const options = { db, now };
  const id = await createDraft(admin, draft, options);
  await sendForSignature(admin, id, options);
  for (const key of agreement.signedBy) {
    const lead = leadOf(key);
    const signer = viewerOf(lead.email, key, "org_manager");
    const terms = (await getAgreement(signer, id, options)).versions[0]!;
    await sign(signer, id, { signerName: lead.displayName, signerTitle: "Partner lead", termsSha256: terms.sha256 }, options);
  }
  if (agreement.status === "expired") await expireAgreements(admin, options);
}

async function insertDisclosures(
  db: Database,
  generated: ReturnType<typeof generateDisclosures>,
  owner: { orgId: string; createdBy: string },
): Promise<number> {
  for (const batch of chunks(generated, 400)) {
    const rows = batch.map((item) => {
      const id = randomUUID();
      return { id, item };
    });
    await db.insert(t.disclosures).values(
      rows.map(({ id, item }) => ({ ...item.disclosure, id, seriesId: id, orgId: owner.orgId, createdBy: owner.createdBy })),
    );
    await db
      .insert(t.disclosureThreatAreas)
      .values(rows.flatMap(({ id, item }) => item.threatAreas.map((area) => ({ disclosureId: id, ...area }))));
  }
  return generated.length;
}

function ladCodesServedBy(organisation: DemoOrganisation): string[] {
  if (!organisation.forceAreaCode) return [];
  const all = listLocalAuthoritiesInForceArea(organisation.forceAreaCode).map((authority) => authority.code);
  if (!organisation.localAuthority) return all;
  // Most of a partner's clients live in its own district; some come from neighbouring ones.
  const own = ladCodeNamed(organisation.forceAreaCode, organisation.localAuthority);
  return [own, own, own, own, ...all];
}

function ladCodeNamed(forceAreaCode: string, name: string): string {
  const authority = listLocalAuthoritiesInForceArea(forceAreaCode).find((candidate) => candidate.name === name);
  if (!authority) throw new Error(`No local authority named ${name} in ${forceAreaCode}`);
  return authority.code;
}

/** The `count` whole months before the one `now` falls in, oldest first, as YYYY-MM. */
function lastMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, index) => isoDate(addMonths(now, index - count)).slice(0, 7));
}

function addMonths(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
