import "server-only";
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import { rowsOf, type Database } from "@/db/database";
import * as t from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { Permission } from "@/lib/access/permissions";
import type { Viewer } from "@/lib/access/viewer";
import { agreementDay } from "@/lib/access/visibility";
import { auditEvent, recordAudit, type AuditAction } from "@/lib/audit/record";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import type { ThreatArea } from "@/lib/taxonomy";
import { allows, displayState, transition, type AgreementStatus, type LifecycleAction, type VersionStatus } from "./lifecycle";
import { agreementDraft, parsePartiesCsv, type AgreementDraft, type PartyRole, type PartyTerms } from "./schema";
import { expireDueAgreements } from "./expiry";
import { canonicalTerms, termsSha256, type VersionTerms } from "./terms";

/**
 * Data-sharing agreements (docs/access.md#data-sharing-agreements): admins draft and run them,
 * each party's partner lead signs, and row-level security shows a partner only the agreements its
 * organisation is party to once they leave draft. Every change is audited in its transaction.
 */

/** The service's clock and, for the seed alone, the transaction to work in. */
export type AgreementOptions = { now?: Date; db?: Database };

export type AgreementSummary = {
  id: string;
  reference: string;
  title: string;
  status: AgreementStatus;
  state: string;
  parties: { orgId: string; name: string; role: PartyRole }[];
  /** A version waits for the viewer's organisation to sign it. */
  awaitingYourSignature: boolean;
};

type Signature = { orgId: string; signerName: string; signerTitle: string; signedAt: Date; termsSha256: string | null };

export type VersionDetail = Omit<VersionTerms, "parties"> & {
  id: string;
  status: VersionStatus;
  sentForSignatureAt: Date | null;
  signedAt: Date | null;
  createdAt: Date;
  parties: (VersionTerms["parties"][number] & { orgId: string; signature: Signature | null })[];
  /** The canonical text and its SHA-256: what a signer reads and what the signature records. */
  text: string;
  sha256: string;
};

export type AgreementDetail = {
  id: string;
  reference: string;
  title: string;
  status: AgreementStatus;
  state: string;
  statusReason: string | null;
  suspendedAt: Date | null;
  terminatedAt: Date | null;
  expiredAt: Date | null;
  currentVersionId: string | null;
  /** Newest first. */
  versions: VersionDetail[];
  /** What the viewer may do now, by the lifecycle and their permissions. */
  actions: LifecycleAction[];
  awaitingYourSignature: boolean;
};

async function inContext<T>(viewer: Viewer, permission: Permission, options: AgreementOptions, work: (tx: Database) => Promise<T>): Promise<T> {
  await authorise(viewer, permission);
  return withContext(options.db ?? (await getDatabase()), contextOf(viewer), work);
}

/** Admins and auditors: every agreement; partners: those their organisation is party to, out of draft. */
export async function listAgreements(viewer: Viewer, options: AgreementOptions = {}): Promise<AgreementSummary[]> {
  return inContext(viewer, "agreements.read", options, async (tx) => {
    const agreements = await tx.select().from(t.agreements).orderBy(asc(t.agreements.reference));
    if (agreements.length === 0) return [];
    const versions = await latestAndCurrentVersions(tx, agreements.map((agreement) => agreement.id));
    const versionIds = versions.map((version) => version.id);
    const parties = await partiesOf(tx, versionIds);
    const signatures = versionIds.length ? await tx.select().from(t.agreementSignatures).where(inArray(t.agreementSignatures.versionId, versionIds)) : [];
    const today = agreementDay(options.now ?? new Date());
    return agreements.map((agreement) => {
      const own = versions.filter((version) => version.agreementId === agreement.id);
      const latest = own[0];
      const current = own.find((version) => version.id === agreement.currentVersionId) ?? null;
      return {
        id: agreement.id,
        reference: agreement.reference,
        title: agreement.title,
        status: agreement.status,
        state: displayState(agreement, current, today, latest && latest.id !== current?.id ? latest : undefined),
        parties: parties.filter((party) => party.versionId === (current ?? latest)?.id).map(({ orgId, orgName, role }) => ({ orgId, name: orgName, role })),
        awaitingYourSignature: awaitingSignatureOf(viewer, agreement.status, latest, parties, signatures),
      };
    });
  });
}

/** One agreement with every version, its parties, scope and signatures; as listAgreements shows it. */
export async function getAgreement(viewer: Viewer, agreementId: string, options: AgreementOptions = {}): Promise<AgreementDetail> {
  return inContext(viewer, "agreements.read", options, (tx) => loadAgreement(tx, viewer, agreementId, options.now ?? new Date()));
}

/** Creates an agreement as a draft, version 1 (admins). Returns its id. */
export async function createDraft(viewer: Viewer, draft: AgreementDraft, options: AgreementOptions = {}): Promise<string> {
  return inContext(viewer, "agreements.manage", options, async (tx) => {
    await checkReferenceFree(tx, draft.reference, null);
    await checkOrganisations(tx, draft);
    const [agreement] = await tx
      .insert(t.agreements)
      .values({ reference: draft.reference, title: draft.title, createdBy: viewer.userId })
      .returning({ id: t.agreements.id });
    const versionId = await insertVersion(tx, agreement!.id, 1, draft);
    await audit(tx, viewer, "agreement.drafted", agreement!.id, { reference: draft.reference, version: 1, versionId });
    return agreement!.id;
  });
}

/** Changes the draft version's terms (admins). The reference and title change only before the first signature round. */
export async function updateDraft(viewer: Viewer, agreementId: string, draft: AgreementDraft, options: AgreementOptions = {}): Promise<void> {
  await inContext(viewer, "agreements.manage", options, async (tx) => {
    const { agreement, latest } = await lockAgreement(tx, agreementId);
    transition("edit", { agreement: agreement.status, version: latest?.status ?? null });
    if (agreement.status !== "draft" && (draft.reference !== agreement.reference || draft.title !== agreement.title)) {
      throw new Invalid("There is a problem with what you entered.", {
        [draft.reference !== agreement.reference ? "reference" : "title"]: "The reference and title cannot change once the agreement has been sent for signature",
      });
    }
    await checkReferenceFree(tx, draft.reference, agreementId);
    await checkOrganisations(tx, draft);
    await tx.update(t.agreements).set({ reference: draft.reference, title: draft.title, updatedAt: new Date() }).where(eq(t.agreements.id, agreementId));
    await tx.update(t.agreementVersions).set(versionColumns(draft)).where(eq(t.agreementVersions.id, latest!.id));
    await replaceScope(tx, latest!.id, draft);
    await audit(tx, viewer, "agreement.draft_updated", agreementId, { version: latest!.version, versionId: latest!.id });
  });
}

/**
 * Replaces the draft version's parties with those of a CSV file (admins): one row per party with
 * its organisation's name (any case), role and contact, each row checked by the form's own party
 * schema and the whole set by the draft's rules. Every problem names its line and column (Invalid
 * under `parties`); nothing changes unless every row is right. Returns how many parties there are now.
 */
export async function importDraftParties(viewer: Viewer, agreementId: string, csvText: string, options: AgreementOptions = {}): Promise<number> {
  return inContext(viewer, "agreements.manage", options, async (tx) => {
    const { agreement, latest } = await lockAgreement(tx, agreementId);
    transition("edit", { agreement: agreement.status, version: latest?.status ?? null });
    const organisations = await tx.select({ id: t.organisations.id, name: t.organisations.name }).from(t.organisations);
    const parties = parsePartiesCsv(csvText, organisationNamed(organisations));
    const version = (await loadAgreement(tx, viewer, agreementId, options.now ?? new Date())).versions[0]!;
    checkPartySet(version, parties);
    await tx.delete(t.agreementParties).where(eq(t.agreementParties.versionId, version.id));
    await tx.insert(t.agreementParties).values(partyRows(version.id, parties));
    const count = Object.keys(parties).length;
    await audit(tx, viewer, "agreement.draft_updated", agreementId, { version: version.version, versionId: version.id, parties: count, source: "csv" });
    return count;
  });
}

/** An organisation's id by its name as written in a file: trimmed, the exact name first, else the one name equal ignoring case. */
function organisationNamed(organisations: readonly { id: string; name: string }[]): (name: string) => string | undefined {
  return (name) => {
    const wanted = name.trim();
    const exact = organisations.find((organisation) => organisation.name === wanted);
    if (exact) return exact.id;
    const folded = organisations.filter((organisation) => organisation.name.toLowerCase() === wanted.toLowerCase());
    return folded.length === 1 ? folded[0]!.id : undefined;
  };
}

/** The draft's rules on its set of parties (two or more, a provider, a recipient), checked by the draft schema itself. */
function checkPartySet(version: VersionDetail, parties: Record<string, PartyTerms>) {
  const checked = agreementDraft.safeParse({
    ...version,
    parties,
    article6Basis: version.article6Basis ?? undefined,
    article9Condition: version.article9Condition ?? undefined,
    dpaCondition: version.dpaCondition ?? undefined,
    threatAreas: Object.fromEntries(version.threatAreas.map((area) => [area.threatArea, area.granularity])),
    fields: [...version.fields],
    geography: version.geography.map(({ forceAreaCode, ladCode }) => ({ forceAreaCode, ladCode })),
  });
  const problems = checked.success ? [] : checked.error.issues.filter((issue) => issue.path[0] === "parties").map((issue) => issue.message);
  if (problems.length > 0) throw new Invalid("There is a problem with the CSV of parties.", { parties: problems.join("; ") });
}

/**
 * Deletes a draft (admins): the whole agreement while it has never been signed, or else just the
 * draft version (an amendment, or the copy left by a withdrawal).
 */
export async function deleteDraft(viewer: Viewer, agreementId: string, options: AgreementOptions = {}): Promise<{ agreementDeleted: boolean }> {
  return inContext(viewer, "agreements.manage", options, async (tx) => {
    const { agreement, latest } = await lockAgreement(tx, agreementId);
    transition("delete", { agreement: agreement.status, version: latest?.status ?? null });
    const [signed] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(t.agreementSignatures)
      .innerJoin(t.agreementVersions, eq(t.agreementVersions.id, t.agreementSignatures.versionId))
      .where(eq(t.agreementVersions.agreementId, agreementId));
    if (agreement.status === "draft" && signed!.n > 0) {
      throw new Conflict("Signatures on an earlier version are on record, so this agreement cannot be deleted. Change the draft, or terminate the agreement.");
    }
    const agreementDeleted = agreement.status === "draft";
    if (agreementDeleted) await tx.delete(t.agreements).where(eq(t.agreements.id, agreementId));
    else await tx.delete(t.agreementVersions).where(eq(t.agreementVersions.id, latest!.id));
    await audit(tx, viewer, "agreement.draft_deleted", agreementId, { reference: agreement.reference, version: latest!.version, agreementDeleted });
    return { agreementDeleted };
  });
}

/** Sends the draft version to every party's partner lead to sign (admins); its terms are fixed from now on. */
export async function sendForSignature(viewer: Viewer, agreementId: string, options: AgreementOptions = {}): Promise<void> {
  await inContext(viewer, "agreements.manage", options, async (tx) => {
    const { agreement, latest } = await lockAgreement(tx, agreementId);
    const next = transition("send_for_signature", { agreement: agreement.status, version: latest?.status ?? null });
    await tx.update(t.agreementVersions).set({ status: "awaiting_signatures", sentForSignatureAt: options.now ?? new Date() }).where(eq(t.agreementVersions.id, latest!.id));
    if (next.agreement !== agreement.status) await tx.update(t.agreements).set({ status: next.agreement, updatedAt: new Date() }).where(eq(t.agreements.id, agreementId));
    await audit(tx, viewer, "agreement.sent_for_signature", agreementId, { version: latest!.version, versionId: latest!.id });
  });
}

/**
 * Takes the version awaiting signatures back (admins): it is withdrawn, its signatures stay on
 * record, and a draft copy follows for changes. An agreement never yet in force returns to draft.
 */
export async function withdrawFromSignature(viewer: Viewer, agreementId: string, options: AgreementOptions = {}): Promise<void> {
  await inContext(viewer, "agreements.manage", options, async (tx) => {
    const { agreement, latest } = await lockAgreement(tx, agreementId);
    const next = transition("withdraw_from_signature", { agreement: agreement.status, version: latest?.status ?? null });
    await tx.update(t.agreementVersions).set({ status: "withdrawn" }).where(eq(t.agreementVersions.id, latest!.id));
    if (next.agreement !== agreement.status) await tx.update(t.agreements).set({ status: next.agreement, updatedAt: new Date() }).where(eq(t.agreements.id, agreementId));
    const copy = await copyVersion(tx, latest!.id, latest!.version + 1);
    await audit(tx, viewer, "agreement.withdrawn_from_signature", agreementId, { version: latest!.version, versionId: latest!.id, draftVersionId: copy });
  });
}

/** Starts an amendment (admins): a draft copy of the terms in force, signed again while they stay in force. */
export async function amend(viewer: Viewer, agreementId: string, options: AgreementOptions = {}): Promise<void> {
  await inContext(viewer, "agreements.manage", options, async (tx) => {
    const { agreement, latest } = await lockAgreement(tx, agreementId);
    transition("amend", { agreement: agreement.status, version: latest?.status ?? null });
    const copy = await copyVersion(tx, agreement.currentVersionId!, latest!.version + 1);
    await audit(tx, viewer, "agreement.amended", agreementId, { version: latest!.version + 1, versionId: copy });
  });
}

const reasonInput = z.string().trim().min(1, "Enter the reason").max(2000, "Enter a reason of 2,000 characters or fewer");

/** Suspends an active agreement (admins): the recipients lose access at once. */
export async function suspend(viewer: Viewer, agreementId: string, reason: string, options: AgreementOptions = {}): Promise<void> {
  await changeStatus(viewer, agreementId, "suspend", reason, options);
}

/** Reinstates a suspended agreement (admins): access returns within the version's dates. */
export async function reinstate(viewer: Viewer, agreementId: string, options: AgreementOptions = {}): Promise<void> {
  await changeStatus(viewer, agreementId, "reinstate", null, options);
}

/** Ends an agreement for good (admins); a version still awaiting signatures is withdrawn. */
export async function terminate(viewer: Viewer, agreementId: string, reason: string, options: AgreementOptions = {}): Promise<void> {
  await changeStatus(viewer, agreementId, "terminate", reason, options);
}

async function changeStatus(viewer: Viewer, agreementId: string, action: "suspend" | "reinstate" | "terminate", reason: string | null, options: AgreementOptions) {
  const why = reason === null ? null : reasonInput.safeParse(reason);
  if (why && !why.success) throw new Invalid("There is a problem with what you entered.", { reason: why.error.issues[0]!.message });
  await inContext(viewer, "agreements.manage", options, async (tx) => {
    const { agreement, latest } = await lockAgreement(tx, agreementId);
    const next = transition(action, { agreement: agreement.status, version: latest?.status ?? null });
    const now = options.now ?? new Date();
    await tx
      .update(t.agreements)
      .set({
        status: next.agreement,
        updatedAt: now,
        ...(action === "suspend" ? { suspendedAt: now, statusReason: why!.data } : {}),
        ...(action === "reinstate" ? { suspendedAt: null, statusReason: null } : {}),
        ...(action === "terminate" ? { terminatedAt: now, statusReason: why!.data } : {}),
      })
      .where(eq(t.agreements.id, agreementId));
    if (action === "terminate" && latest?.status === "awaiting_signatures") {
      await tx.update(t.agreementVersions).set({ status: "withdrawn" }).where(eq(t.agreementVersions.id, latest.id));
    }
    const actions = { suspend: "agreement.suspended", reinstate: "agreement.reinstated", terminate: "agreement.terminated" } as const;
    await audit(tx, viewer, actions[action], agreementId, { from: agreement.status, ...(why ? { reason: why.data } : {}) });
  });
}

export const signatureInput = z.object({
  signerName: z.string().trim().min(1, "Enter your full name").max(200, "Enter a name of 200 characters or fewer"),
  signerTitle: z.string().trim().min(1, "Enter your job title").max(200, "Enter a job title of 200 characters or fewer"),
  termsSha256: z.string().regex(/^[0-9a-f]{64}$/, "Open the terms again before you sign"),
});
export type SignatureInput = z.infer<typeof signatureInput>;

/**
 * Signs the version awaiting signatures for the viewer's organisation (its partner lead, if a
 * party). The signature records the SHA-256 of the terms the signer read; if the terms differ now
 * it is refused. When the last party signs, the version takes effect. Returns the agreement's status.
 */
export async function sign(viewer: Viewer, agreementId: string, input: SignatureInput, options: AgreementOptions = {}): Promise<AgreementStatus> {
  return inContext(viewer, "agreements.sign", options, async (tx) => {
    const detail = await loadAgreement(tx, viewer, agreementId, options.now ?? new Date());
    const version = detail.versions[0];
    transition("sign", { agreement: detail.status, version: version?.status ?? null });
    const party = version!.parties.find((candidate) => candidate.orgId === viewer.organisation.id);
    if (!party) throw new NotFound("Your organisation is not a party to this version of the agreement.");
    if (party.signature) throw new Conflict(`${viewer.organisation.name} has already signed version ${version!.version} of this agreement.`);
    if (input.termsSha256 !== version!.sha256) {
      throw new Conflict("The terms have changed since you opened them. Read them again, then sign if you agree.");
    }
    await tx.insert(t.agreementSignatures).values({
      versionId: version!.id,
      orgId: viewer.organisation.id,
      signedBy: viewer.userId,
      signedAt: options.now ?? new Date(),
      signerName: input.signerName,
      signerTitle: input.signerTitle,
      termsSha256: input.termsSha256,
    });
    const [completed] = rowsOf<{ status: AgreementStatus | null }>(await tx.execute(sql`select app_complete_agreement_version(${version!.id}) as status`));
    await audit(tx, viewer, "agreement.signed", agreementId, { version: version!.version, versionId: version!.id, termsSha256: input.termsSha256 });
    if (completed?.status) {
      await audit(tx, viewer, "agreement.version_in_force", agreementId, { version: version!.version, versionId: version!.id, status: completed.status });
      return completed.status;
    }
    return detail.status;
  });
}

/** Records the expiry of every agreement whose end date has come (admins). Returns their references. */
export async function expireAgreements(viewer: Viewer, options: AgreementOptions = {}): Promise<string[]> {
  return inContext(viewer, "agreements.manage", options, async (tx) => {
    const expired = await expireDueAgreements(tx, viewer);
    return expired.map((row) => row.reference);
  });
}

/** The organisations an admin may choose as parties, by name. */
export async function listPartyOptions(viewer: Viewer, options: AgreementOptions = {}): Promise<{ id: string; name: string }[]> {
  return inContext(viewer, "agreements.manage", options, (tx) =>
    tx.select({ id: t.organisations.id, name: t.organisations.name }).from(t.organisations).orderBy(asc(t.organisations.name)),
  );
}

async function loadAgreement(tx: Database, viewer: Viewer, agreementId: string, now: Date): Promise<AgreementDetail> {
  if (!z.uuid().safeParse(agreementId).success) throw new NotFound("No such agreement.");
  const [agreement] = await tx.select().from(t.agreements).where(eq(t.agreements.id, agreementId));
  if (!agreement) throw new NotFound("No such agreement.");
  const versions = await tx.select().from(t.agreementVersions).where(eq(t.agreementVersions.agreementId, agreementId)).orderBy(desc(t.agreementVersions.version));
  const ids = versions.map((version) => version.id);
  const [parties, areas, fields, places, signatures] = ids.length
    ? await Promise.all([
        partiesOf(tx, ids),
        tx.select().from(t.agreementThreatAreas).where(inArray(t.agreementThreatAreas.versionId, ids)),
        tx.select().from(t.agreementFields).where(inArray(t.agreementFields.versionId, ids)),
        tx.select().from(t.agreementGeography).where(inArray(t.agreementGeography.versionId, ids)),
        tx.select().from(t.agreementSignatures).where(inArray(t.agreementSignatures.versionId, ids)),
      ])
    : [[], [], [], [], []];
  const details = versions.map((version): VersionDetail => {
    const terms: VersionTerms = {
      reference: agreement.reference,
      title: agreement.title,
      version: version.version,
      purpose: version.purpose,
      parties: parties.filter((party) => party.versionId === version.id),
      processingRegime: version.processingRegime,
      article6Basis: version.article6Basis,
      article9Condition: version.article9Condition,
      dpaCondition: version.dpaCondition,
      threatAreas: areas.filter((area) => area.versionId === version.id).map(({ threatArea, granularity }) => ({ threatArea, granularity })),
      fields: fields.filter((field) => field.versionId === version.id).map((field) => field.field),
      geography: places.filter((place) => place.versionId === version.id).map(({ forceAreaCode, ladCode }) => ({ forceAreaCode, ladCode })),
      disclosureThreshold: version.disclosureThreshold,
      roundToBase5: version.roundToBase5,
      retentionMonths: version.retentionMonths,
      startDate: version.startDate,
      endDate: version.endDate,
      reviewDate: version.reviewDate,
      securityConditions: version.securityConditions,
      onwardSharing: version.onwardSharing,
    };
    const text = canonicalTerms(terms);
    return {
      ...terms,
      id: version.id,
      status: version.status,
      sentForSignatureAt: version.sentForSignatureAt,
      signedAt: version.signedAt,
      createdAt: version.createdAt,
      parties: parties
        .filter((party) => party.versionId === version.id)
        .map((party) => {
          const signature = signatures.find((candidate) => candidate.versionId === version.id && candidate.orgId === party.orgId);
          return {
            orgId: party.orgId,
            orgName: party.orgName,
            role: party.role,
            contactName: party.contactName,
            contactEmail: party.contactEmail,
            signature: signature
              ? { orgId: signature.orgId, signerName: signature.signerName, signerTitle: signature.signerTitle, signedAt: signature.signedAt, termsSha256: signature.termsSha256 }
              : null,
          };
        }),
      text,
      sha256: termsSha256(text),
    };
  });
  const current = details.find((version) => version.id === agreement.currentVersionId) ?? null;
  const latest = details[0];
  const state = { agreement: agreement.status, version: latest?.status ?? null };
  const awaitingYourSignature = awaitingSignatureOf(viewer, agreement.status, latest, parties, signatures);
  const manage: LifecycleAction[] = ["edit", "delete", "send_for_signature", "withdraw_from_signature", "amend", "suspend", "reinstate", "terminate"];
  return {
    id: agreement.id,
    reference: agreement.reference,
    title: agreement.title,
    status: agreement.status,
    state: displayState(agreement, current, agreementDay(now), latest && latest.id !== current?.id ? latest : undefined),
    statusReason: agreement.statusReason,
    suspendedAt: agreement.suspendedAt,
    terminatedAt: agreement.terminatedAt,
    expiredAt: agreement.expiredAt,
    currentVersionId: agreement.currentVersionId,
    versions: details,
    actions: [...(viewer.role === "admin" ? manage.filter((action) => allows(action, state)) : []), ...(awaitingYourSignature ? (["sign"] as const) : [])],
    awaitingYourSignature,
  };
}

function awaitingSignatureOf(
  viewer: Viewer,
  status: AgreementStatus,
  latest: { id: string; status: VersionStatus } | undefined,
  parties: readonly { versionId: string; orgId: string }[],
  signatures: readonly { versionId: string; orgId: string }[],
): boolean {
  if (viewer.role !== "org_manager" || !latest || !allows("sign", { agreement: status, version: latest.status })) return false;
  const mine = (row: { versionId: string; orgId: string }) => row.versionId === latest.id && row.orgId === viewer.organisation.id;
  return parties.some(mine) && !signatures.some(mine);
}

/** Every agreement's newest version and its current one, newest first within each agreement. */
async function latestAndCurrentVersions(tx: Database, agreementIds: string[]) {
  const rows = await tx
    .select({ id: t.agreementVersions.id, agreementId: t.agreementVersions.agreementId, version: t.agreementVersions.version, status: t.agreementVersions.status, startDate: t.agreementVersions.startDate, endDate: t.agreementVersions.endDate })
    .from(t.agreementVersions)
    .where(inArray(t.agreementVersions.agreementId, agreementIds))
    .orderBy(desc(t.agreementVersions.version));
  return rows;
}

async function partiesOf(tx: Database, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  const rows = await tx
    .select({ party: t.agreementParties, orgName: t.organisations.name })
    .from(t.agreementParties)
    .innerJoin(t.organisations, eq(t.organisations.id, t.agreementParties.orgId))
    .where(inArray(t.agreementParties.versionId, versionIds))
    .orderBy(asc(t.organisations.name));
  return rows.map(({ party, orgName }) => ({
    versionId: party.versionId,
    orgId: party.orgId,
    orgName,
    role: (party.isProvider && party.isRecipient ? "both" : party.isProvider ? "provider" : "recipient") as PartyRole,
    contactName: party.contactName,
    contactEmail: party.contactEmail,
  }));
}

/** The agreement, locked for the change, and its newest version. Another organisation's is "not found". */
async function lockAgreement(tx: Database, agreementId: string) {
  if (!z.uuid().safeParse(agreementId).success) throw new NotFound("No such agreement.");
  const [agreement] = await tx.select().from(t.agreements).where(eq(t.agreements.id, agreementId)).for("update");
  if (!agreement) throw new NotFound("No such agreement.");
  const [latest] = await tx.select().from(t.agreementVersions).where(eq(t.agreementVersions.agreementId, agreementId)).orderBy(desc(t.agreementVersions.version)).limit(1);
  return { agreement, latest };
}

async function checkReferenceFree(tx: Database, reference: string, agreementId: string | null) {
  const [taken] = await tx.select({ id: t.agreements.id }).from(t.agreements).where(eq(t.agreements.reference, reference));
  if (taken && taken.id !== agreementId) {
    throw new Invalid("There is a problem with what you entered.", { reference: "An agreement with this reference already exists" });
  }
}

async function checkOrganisations(tx: Database, draft: AgreementDraft) {
  const ids = Object.keys(draft.parties);
  const found = await tx.select({ id: t.organisations.id }).from(t.organisations).where(inArray(t.organisations.id, ids));
  if (found.length !== ids.length) throw new Invalid("There is a problem with what you entered.", { parties: "Choose organisations from the list" });
}

function versionColumns(draft: AgreementDraft) {
  const ukGdpr = draft.processingRegime === "uk_gdpr";
  return {
    purpose: draft.purpose,
    processingRegime: draft.processingRegime,
    article6Basis: ukGdpr ? (draft.article6Basis ?? null) : null,
    article9Condition: ukGdpr ? (draft.article9Condition ?? null) : null,
    dpaCondition: draft.dpaCondition ?? null,
    disclosureThreshold: draft.disclosureThreshold,
    roundToBase5: draft.roundToBase5,
    retentionMonths: draft.retentionMonths,
    startDate: draft.startDate,
    endDate: draft.endDate,
    reviewDate: draft.reviewDate,
    securityConditions: draft.securityConditions,
    onwardSharing: draft.onwardSharing,
  };
}

async function insertVersion(tx: Database, agreementId: string, version: number, draft: AgreementDraft): Promise<string> {
  const [row] = await tx.insert(t.agreementVersions).values({ agreementId, version, ...versionColumns(draft) }).returning({ id: t.agreementVersions.id });
  await replaceScope(tx, row!.id, draft);
  return row!.id;
}

/** A draft's parties and scope, written afresh (the database allows it only while the version is a draft). */
async function replaceScope(tx: Database, versionId: string, draft: AgreementDraft) {
  for (const table of [t.agreementParties, t.agreementThreatAreas, t.agreementFields, t.agreementGeography]) {
    await tx.delete(table).where(eq(table.versionId, versionId));
  }
  await tx.insert(t.agreementParties).values(partyRows(versionId, draft.parties));
  await tx.insert(t.agreementThreatAreas).values(
    Object.entries(draft.threatAreas).map(([threatArea, granularity]) => ({ versionId, threatArea: threatArea as ThreatArea, granularity: granularity! })),
  );
  if (draft.fields.length > 0) await tx.insert(t.agreementFields).values(draft.fields.map((field) => ({ versionId, field })));
  await tx.insert(t.agreementGeography).values(draft.geography.map((place) => ({ versionId, forceAreaCode: place.forceAreaCode, ladCode: place.ladCode })));
}

function partyRows(versionId: string, parties: Record<string, PartyTerms>) {
  return Object.entries(parties).map(([orgId, party]) => ({
    versionId,
    orgId,
    isProvider: party.role !== "recipient",
    isRecipient: party.role !== "provider",
    contactName: party.contactName,
    contactEmail: party.contactEmail,
  }));
}

/** A new draft version with the same terms as `fromVersionId`. */
async function copyVersion(tx: Database, fromVersionId: string, version: number): Promise<string> {
  const [from] = await tx.select().from(t.agreementVersions).where(eq(t.agreementVersions.id, fromVersionId));
  const { id: _id, status: _status, sentForSignatureAt: _sent, signedAt: _signed, createdAt: _created, version: _version, ...terms } = from!;
  const [row] = await tx.insert(t.agreementVersions).values({ ...terms, version }).returning({ id: t.agreementVersions.id });
  const versionId = row!.id;
  const parties = await tx.select().from(t.agreementParties).where(eq(t.agreementParties.versionId, fromVersionId));
  await tx.insert(t.agreementParties).values(parties.map((party) => ({ ...party, versionId })));
  const areas = await tx.select().from(t.agreementThreatAreas).where(eq(t.agreementThreatAreas.versionId, fromVersionId));
  await tx.insert(t.agreementThreatAreas).values(areas.map((area) => ({ ...area, versionId })));
  const fields = await tx.select().from(t.agreementFields).where(eq(t.agreementFields.versionId, fromVersionId));
  if (fields.length > 0) await tx.insert(t.agreementFields).values(fields.map((field) => ({ ...field, versionId })));
  const places = await tx.select().from(t.agreementGeography).where(eq(t.agreementGeography.versionId, fromVersionId));
  await tx.insert(t.agreementGeography).values(places.map(({ forceAreaCode, ladCode }) => ({ versionId, forceAreaCode, ladCode })));
  return versionId;
}

async function audit(tx: Database, viewer: Viewer, action: AuditAction, agreementId: string, details: Record<string, unknown>) {
  await recordAudit(tx, auditEvent(viewer, action, { subject: { type: "agreement", id: agreementId }, details }));
}
