import "server-only";
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import { insertRows } from "@/db/bulk-insert";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { isUniqueViolation } from "@/db/errors";
import { disclosures, disclosureThreatAreas, organisationCoverage, users } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import { auditEvent, recordAudit, recordAudits, type AuditAction, type AuditEvent } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { getLocalAuthority, listLocalAuthoritiesInForceArea } from "@/lib/reference";
import type { Section } from "@/lib/taxonomy";
import { disclosureParser, freeTextProblem, parseDisclosure, type ParsedDisclosure } from "./parse";
import { hashPartnerReference } from "./partner-reference";
import { isUuid } from "@/lib/uuid";
import { currentSubmitted, ownDraft, summarise, threatAreasOf, visibleTo } from "./queries";
import { threatAreaCopy, toDisclosureInput, toDisclosureRow } from "./rows";
import { codesIn, errorsIn, withSection } from "./sections";
import type { DisclosureInput } from "./schema";
import type { DisclosureDetail, DisclosureFilter, DisclosureRecord, DisclosureSummary } from "./types";
import { write } from "./write";

/**
 * The disclosures domain's public functions, each taking the viewer first: drafts, submissions,
 * corrections and withdrawals, and the lists and pages partners read them back from.
 */

export type { DisclosureDetail, DisclosureFilter, DisclosureRecord, DisclosureSummary } from "./types";
export { DuplicateReference } from "./write";

/**
 * Saves a draft, new or the viewer's own; drafts are private to their author. Whatever is
 * given must be valid, but nothing is required yet.
 */
export async function saveDraft(viewer: Viewer, input: unknown, draftId?: string, now = new Date()): Promise<{ id: string }> {
  await authorise(viewer, "disclosures.create");
  const parsed = parseDisclosure("draft", input, now);
  refuseEmpty(parsed);
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const id = draftId ? (await ownDraft(tx, viewer, draftId)).id : randomUUID();
    await write(tx, viewer, parsed, { id, status: "draft", existing: Boolean(draftId) }, now, audited(viewer, "disclosure.draft_saved", id));
    return { id };
  });
}

/** One section of the form as posted: its answers, and whether the person asked to move on. */
export type SectionAnswers = {
  section: Section;
  /** The section's answers in the schema's shape (lib/disclosures/form-data.ts `formToInput`). */
  input: Record<string, unknown>;
  /** "Save and continue": the section's required answers must be there before moving on. */
  complete: boolean;
  /** The local authority outside the organisation's area that the person confirmed, if any. */
  confirmedLocalAuthority?: string | undefined;
};

/**
 * Saves one section of the viewer's draft (a new draft for the first), keeping the other
 * sections' answers: drafts are private to their author. Every answer is held to the draft's
 * rules; when `complete` is asked, the section's missing answers are returned (found by the one
 * submission schema), and a new draft is not started until its first section is complete.
 * A local authority outside the organisation's area is saved only once confirmed.
 */
export async function saveDraftSection(
  viewer: Viewer,
  answers: SectionAnswers,
  draftId?: string,
  now = new Date(),
): Promise<{ id: string; missing: Record<string, string> }> {
  await authorise(viewer, "disclosures.create");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const existing = draftId ? await loadDraft(tx, viewer, draftId) : undefined;
    const merged = withSection(existing?.input ?? {}, answers.section, answers.input);
    const parsed = parseDisclosure("draft", merged, now);
    refuseEmpty(parsed, existing?.partnerReferenceHash);
    const ladCode = merged.lad_code;
    if (codesIn(answers.section).includes("lad_code") && typeof ladCode === "string" && answers.confirmedLocalAuthority !== ladCode) {
      const covered = await coveredLocalAuthorities(tx, viewer);
      if (covered.length > 0 && !covered.includes(ladCode)) {
        const name = getLocalAuthority(ladCode)?.name ?? ladCode;
        throw new Invalid(`${name} is outside your organisation’s area.`, {
          lad_code: `${name} is outside your organisation’s area: confirm it is right, or choose a local authority in your area`,
        });
      }
    }
    const checked = answers.complete ? disclosureParser("submit", now)(merged) : { ok: true as const };
    const missing = checked.ok ? {} : errorsIn(checked.fieldErrors, answers.section);
    if (!existing && Object.keys(missing).length > 0) throw new Invalid("There is a problem with your answers.", missing);
    const id = existing?.id ?? randomUUID();
    const target = { id, status: "draft", existing: Boolean(existing), keepReferenceHash: existing?.partnerReferenceHash ?? null } as const;
    await write(tx, viewer, parsed, target, now, audited(viewer, "disclosure.draft_saved", id, { section: answers.section }));
    return { id, missing };
  });
}

/**
 * Submits the viewer's draft as it is saved, checked whole by the submission schema: the last
 * step of the form, after "Check your answers". The draft's partner reference is kept.
 */
export async function submitDraft(viewer: Viewer, draftId: string, now = new Date()): Promise<{ id: string }> {
  await authorise(viewer, "disclosures.submit");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const draft = await loadDraft(tx, viewer, draftId);
    const parsed = parseDisclosure("submit", draft.input, now);
    const target = { id: draft.id, status: "submitted", existing: true, keepReferenceHash: draft.partnerReferenceHash } as const;
    await write(tx, viewer, parsed, target, now, audited(viewer, "disclosure.submitted", draft.id));
    return { id: draft.id };
  });
}

/**
 * The local authority districts the viewer's organisation covers (a whole force area counts as
 * all its districts), by name; empty when it records no coverage. Members read their own.
 */
export async function listCoveredLocalAuthorities(viewer: Viewer): Promise<string[]> {
  await authorise(viewer, "disclosures.read_own");
  return withContext(await getDatabase(), contextOf(viewer), (tx) => coveredLocalAuthorities(tx, viewer));
}

async function coveredLocalAuthorities(tx: Database, viewer: Viewer): Promise<string[]> {
  const rows = await tx.select().from(organisationCoverage).where(eq(organisationCoverage.orgId, viewer.organisation.id));
  const codes = rows.flatMap((row) => (row.ladCode ? [row.ladCode] : listLocalAuthoritiesInForceArea(row.forceAreaCode).map((authority) => authority.code)));
  return [...new Set(codes)];
}

async function loadDraft(tx: Database, viewer: Viewer, id: string) {
  const { id: ownId } = await ownDraft(tx, viewer, id);
  return { id: ownId, ...(await loadAnswers(tx, ownId)) };
}

/** A disclosure's answers in the schema's shape, and the hash of its partner reference (never the reference). */
async function loadAnswers(tx: Database, id: string) {
  const [row] = await tx.select().from(disclosures).where(eq(disclosures.id, id));
  const areas = await tx.select().from(disclosureThreatAreas).where(eq(disclosureThreatAreas.disclosureId, id));
  const { partnerReferenceHash, ...stored } = row!;
  return { partnerReferenceHash, input: toDisclosureInput(stored, areas) as Record<string, unknown> };
}

/** A draft says something: at least one answer (or a partner reference) before it is kept. */
function refuseEmpty(parsed: ParsedDisclosure, keptReferenceHash?: string | null): void {
  const answered = Object.values(parsed.values as Record<string, unknown>).some((value) => !(Array.isArray(value) && value.length === 0) && value !== undefined);
  if (answered || parsed.partnerReference || keptReferenceHash) return;
  throw new Invalid("Answer at least one question before saving a draft.", {});
}

/**
 * Submits a disclosure, from a draft of the viewer's or directly (the API and CSV do). A partner
 * reference already used by a live disclosure is refused as a duplicate, never stored twice.
 */
export async function submitDisclosure(viewer: Viewer, input: unknown, draftId?: string, now = new Date()): Promise<{ id: string }> {
  await authorise(viewer, "disclosures.submit");
  const parsed = parseDisclosure("submit", input, now);
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const id = draftId ? (await ownDraft(tx, viewer, draftId)).id : randomUUID();
    await write(tx, viewer, parsed, { id, status: "submitted", existing: Boolean(draftId) }, now, audited(viewer, "disclosure.submitted", id));
    return { id };
  });
}

/**
 * Submits many validated disclosures inside the caller's transaction with a few statements per
 * batch rather than per row: the importer's path. The caller has already set aside references
 * the organisation holds; one taken meanwhile breaks the unique index and the whole batch.
 */
export async function submitParsedBatch(tx: Database, viewer: Viewer, batch: readonly ParsedDisclosure[], now: Date): Promise<string[]> {
  if (batch.length === 0) return [];
  const rows = batch.map((parsed) => {
    const id = randomUUID();
    const { disclosure, threatAreas } = toDisclosureRow(parsed.values);
    return {
      disclosure: {
        ...disclosure,
        id,
        seriesId: id,
        orgId: viewer.organisation.id,
        createdBy: viewer.userId,
        threatAreas: threatAreaCopy(threatAreas),
        partnerReferenceHash: parsed.partnerReference ? hashPartnerReference(viewer.organisation.id, parsed.partnerReference) : null,
        status: "submitted" as const,
        submittedAt: now,
        createdAt: now,
        updatedAt: now,
      },
      threatAreas: threatAreas.map((area) => ({ ...area, disclosureId: id })),
    };
  });
  try {
    await insertRows(tx, disclosures, rows.map((row) => row.disclosure));
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict("A partner reference in this file was used by another submission meanwhile. Upload the file again.");
    throw error;
  }
  await insertRows(tx, disclosureThreatAreas, rows.flatMap((row) => row.threatAreas));
  await recordAudits(
    tx,
    rows.map((row) => auditEvent(viewer, "disclosure.submitted", { subject: { type: "disclosure", id: row.disclosure.id }, details: { via: "upload" } })),
  );
  return rows.map((row) => row.disclosure.id);
}

/** A submitted disclosure, and the viewer's correction of it in progress (none until a section is changed). */
export type Correction = { disclosure: DisclosureDetail; draft: { id: string; input: DisclosureInput } | null };

/**
 * A correction is answered like a draft, a section at a time, then checked and submitted. What has
 * been changed so far is kept as the viewer's own draft in the disclosure's series (version one
 * past the current, so a series with a correction in progress is never purged), private to its
 * author and counted nowhere. Caseworkers correct their own disclosures; partner leads any of the
 * organisation's.
 */
export async function getCorrection(viewer: Viewer, id: string): Promise<Correction> {
  await authorise(viewer, "disclosures.correct");
  const disclosure = await getDisclosure(viewer, id);
  if (!disclosure.current) throw new NotFound("No such disclosure.");
  const draft = await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const found = await correctionDraftOf(tx, viewer, disclosure.id);
    return found ? { id: found.id, input: found.input as DisclosureInput } : null;
  });
  return { disclosure, draft };
}

/**
 * Saves one section of the viewer's correction of a submitted disclosure, starting the correction
 * from the disclosure's answers when this is the first section changed. With `complete`, a section
 * missing a required answer is refused, naming it; the partner reference it already has, given
 * again, is kept.
 */
export async function saveCorrectionSection(viewer: Viewer, answers: SectionAnswers, correctsId: string, now = new Date()): Promise<{ id: string }> {
  await authorise(viewer, "disclosures.correct");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const previous = await currentSubmitted(tx, viewer, correctsId);
    const existing = await correctionDraftOf(tx, viewer, previous.id);
    const start = existing?.input ?? (await loadAnswers(tx, previous.id)).input;
    const merged = withSection(start, answers.section, answers.input);
    const reference = merged.partner_reference;
    if (typeof reference === "string" && hashPartnerReference(viewer.organisation.id, reference.trim()) === previous.partnerReferenceHash) delete merged.partner_reference;
    const parsed = parseDisclosure("draft", merged, now);
    const checked = answers.complete ? disclosureParser("submit", now)(merged) : { ok: true as const };
    const missing = checked.ok ? {} : errorsIn(checked.fieldErrors, answers.section);
    // A correction is never left worse than what it corrects: a section with an answer missing is not kept.
    if (Object.keys(missing).length > 0) throw new Invalid("There is a problem with your answers.", missing);
    const id = existing?.id ?? randomUUID();
    const target = { id, status: "draft", existing: Boolean(existing), seriesId: previous.seriesId, version: previous.version + 1, supersedesId: previous.id, keepReferenceHash: existing?.partnerReferenceHash ?? null } as const;
    try {
      await write(tx, viewer, parsed, target, now, audited(viewer, "disclosure.draft_saved", id, { section: answers.section, corrects: previous.id }));
    } catch (error) {
      // The series' next version is taken: someone else's correction of it is in progress.
      if (isUniqueViolation(error)) throw new Conflict("Someone else is correcting this disclosure. Try again once their correction is submitted.");
      throw error;
    }
    return { id };
  });
}

/**
 * Submits the viewer's correction as it is saved, checked whole by the submission schema: it
 * becomes the disclosure's next version and the correction draft is gone. A correction that
 * changes nothing is refused.
 */
export async function submitCorrection(viewer: Viewer, correctsId: string, now = new Date()): Promise<{ id: string }> {
  await authorise(viewer, "disclosures.correct");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const previous = await currentSubmitted(tx, viewer, correctsId);
    const draft = await correctionDraftOf(tx, viewer, previous.id);
    if (!draft) throw new Invalid("Change at least one answer before submitting a correction.", {});
    const parsed = parseDisclosure("submit", draft.input, now);
    // The draft goes first, freeing the version and any new reference it holds for the correction.
    await tx.delete(disclosures).where(eq(disclosures.id, draft.id));
    return supersede(tx, viewer, previous, parsed, draft.partnerReferenceHash ?? previous.partnerReferenceHash, now);
  });
}

/** A correction the viewer has started and not submitted: the disclosure it corrects, and its month. */
export type CorrectionInProgress = { correctsId: string; disclosureMonth: string | null; updatedAt: Date };

/** The viewer's own corrections in progress, latest first; nobody else sees them. */
export async function listCorrectionsInProgress(viewer: Viewer): Promise<CorrectionInProgress[]> {
  await authorise(viewer, "disclosures.correct");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const rows = await tx
      .select({ correctsId: disclosures.supersedesId, disclosureMonth: disclosures.disclosureMonth, updatedAt: disclosures.updatedAt })
      .from(disclosures)
      .where(and(eq(disclosures.orgId, viewer.organisation.id), eq(disclosures.status, "draft"), eq(disclosures.createdBy, viewer.userId), isNotNull(disclosures.supersedesId)))
      .orderBy(desc(disclosures.updatedAt));
    return rows.map((row) => ({ correctsId: row.correctsId!, disclosureMonth: row.disclosureMonth?.slice(0, 7) ?? null, updatedAt: row.updatedAt }));
  });
}

type SubmittedRow = Awaited<ReturnType<typeof currentSubmitted>>;

/** The new version of a submitted disclosure, replacing it: only the new one counts from now on. */
async function supersede(tx: Database, viewer: Viewer, previous: SubmittedRow, parsed: ParsedDisclosure, referenceHash: string | null, now: Date): Promise<{ id: string }> {
  await tx.update(disclosures).set({ status: "superseded", updatedAt: now }).where(eq(disclosures.id, previous.id));
  const nextId = randomUUID();
  await write(
    tx,
    viewer,
    parsed,
    { id: nextId, status: "submitted", existing: false, seriesId: previous.seriesId, version: previous.version + 1, supersedesId: previous.id, keepReferenceHash: referenceHash },
    now,
    audited(viewer, "disclosure.corrected", nextId, { supersedes: previous.id }),
  );
  return { id: nextId };
}

/** The viewer's correction in progress of a submitted disclosure, if they have one. */
async function correctionDraftOf(tx: Database, viewer: Viewer, correctsId: string) {
  const [row] = await tx
    .select({ id: disclosures.id })
    .from(disclosures)
    .where(
      and(
        eq(disclosures.supersedesId, correctsId),
        eq(disclosures.orgId, viewer.organisation.id),
        eq(disclosures.status, "draft"),
        eq(disclosures.createdBy, viewer.userId),
      ),
    );
  return row ? { id: row.id, ...(await loadAnswers(tx, row.id)) } : undefined;
}

/** Withdraws a submitted disclosure with a reason; it stops counting anywhere at once. */
export async function withdrawDisclosure(viewer: Viewer, id: string, reason: string, now = new Date()): Promise<void> {
  await authorise(viewer, "disclosures.withdraw");
  const trimmed = reason.trim();
  if (trimmed.length < 3 || trimmed.length > 500) {
    throw new Invalid("Give a reason for withdrawing the disclosure.", { reason: "Enter a reason of 3 to 500 characters" });
  }
  // The reason is kept and shown with the disclosure, so it is free text like the context.
  const problem = freeTextProblem(reason);
  if (problem !== null) throw new Invalid("The reason for withdrawing contains personal details.", { reason: problem });
  await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const current = await currentSubmitted(tx, viewer, id);
    await tx
      .update(disclosures)
      .set({ status: "withdrawn", withdrawnReason: trimmed, withdrawnAt: now, updatedAt: now })
      .where(eq(disclosures.id, current.id));
    await audit(tx, viewer, "disclosure.withdrawn", current.id);
  });
}

const PAGE_SIZE = 25;

/**
 * The disclosures a partner works with, newest first: a caseworker sees their own (drafts and
 * submissions), a partner lead the whole organisation's submissions and their own drafts.
 * Superseded versions never appear; their history is on each disclosure's page.
 */
export async function listDisclosures(viewer: Viewer, filter: DisclosureFilter = {}): Promise<{ items: DisclosureSummary[]; total: number; page: number; pageSize: number }> {
  await authorise(viewer, "disclosures.read_own");
  const requested = Math.floor(filter.page ?? 1);
  if (!Number.isFinite(requested) || requested < 1) {
    throw new Invalid("The page number must be a whole number of 1 or more.", { page: "Enter a page number of 1 or more" });
  }
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const where = and(
      eq(disclosures.orgId, viewer.organisation.id),
      ne(disclosures.status, "superseded"),
      // A correction in progress is reached from the disclosure it corrects, not listed as a draft of its own.
      or(ne(disclosures.status, "draft"), isNull(disclosures.supersedesId)),
      visibleTo(viewer),
      filter.status ? eq(disclosures.status, filter.status) : undefined,
      filter.fromMonth ? gte(disclosures.disclosureMonth, `${filter.fromMonth}-01`) : undefined,
      filter.toMonth ? lte(disclosures.disclosureMonth, `${filter.toMonth}-01`) : undefined,
      filter.threatArea
        ? inArray(disclosures.id, tx.select({ id: disclosureThreatAreas.disclosureId }).from(disclosureThreatAreas).where(eq(disclosureThreatAreas.threatArea, filter.threatArea)))
        : undefined,
    );
    const [totalRow] = await tx.select({ n: count() }).from(disclosures).where(where);
    // A page past the end (a stale link, or a number typed in) shows the last page.
    const page = Math.min(requested, Math.max(1, Math.ceil((totalRow?.n ?? 0) / PAGE_SIZE)));
    const rows = await tx
      .select({ disclosure: disclosures, createdByName: users.displayName })
      .from(disclosures)
      .leftJoin(users, eq(users.id, disclosures.createdBy))
      .where(where)
      .orderBy(desc(disclosures.updatedAt), desc(disclosures.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE);
    const areas = await threatAreasOf(tx, rows.map((row) => row.disclosure.id));
    return {
      items: rows.map((row) => summarise(row.disclosure, row.createdByName, areas.get(row.disclosure.id) ?? [])),
      total: totalRow?.n ?? 0,
      page,
      pageSize: PAGE_SIZE,
    };
  });
}

/**
 * The organisation's current disclosures (drafts excluded) in creation order, a page at a time
 * after a keyset cursor, for partner systems reading their own data back through the API.
 */
export async function listDisclosureRecords(
  viewer: Viewer,
  page: { after?: { createdAt: Date; id: string }; limit: number },
): Promise<DisclosureRecord[]> {
  await authorise(viewer, "disclosures.read_org");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const rows = await tx
      .select()
      .from(disclosures)
      .where(
        and(
          eq(disclosures.orgId, viewer.organisation.id),
          inArray(disclosures.status, ["submitted", "withdrawn"]),
          page.after
            ? sql`(${disclosures.createdAt}, ${disclosures.id}) > (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(disclosures.createdAt, disclosures.id)
      .limit(page.limit);
    const areas = rows.length === 0 ? [] : await tx.select().from(disclosureThreatAreas).where(inArray(disclosureThreatAreas.disclosureId, rows.map((row) => row.id)));
    return rows.map(({ partnerReferenceHash: _hash, ...row }) => ({
      id: row.id,
      seriesId: row.seriesId,
      version: row.version,
      status: row.status,
      submittedAt: row.submittedAt,
      withdrawnReason: row.withdrawnReason,
      createdAt: row.createdAt,
      answers: toDisclosureInput(row, areas.filter((area) => area.disclosureId === row.id)),
    }));
  });
}

/** One disclosure with its answers and version history; another organisation's, or someone else's draft, is not found. */
export async function getDisclosure(viewer: Viewer, id: string): Promise<DisclosureDetail> {
  await authorise(viewer, "disclosures.read_own");
  if (!isUuid(id)) throw new NotFound("No such disclosure.");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const [row] = await tx
      .select({ disclosure: disclosures, createdByName: users.displayName })
      .from(disclosures)
      .leftJoin(users, eq(users.id, disclosures.createdBy))
      .where(and(eq(disclosures.id, id), eq(disclosures.orgId, viewer.organisation.id), visibleTo(viewer)));
    if (!row) throw new NotFound("No such disclosure.");
    const areaRows = await tx.select().from(disclosureThreatAreas).where(eq(disclosureThreatAreas.disclosureId, id));
    const versions = await tx
      .select()
      .from(disclosures)
      .where(and(eq(disclosures.seriesId, row.disclosure.seriesId), ne(disclosures.status, "draft")))
      .orderBy(desc(disclosures.version));
    const { partnerReferenceHash: _hash, ...stored } = row.disclosure;
    return {
      ...summarise(row.disclosure, row.createdByName, areaRows.map((area) => area.threatArea)),
      seriesId: row.disclosure.seriesId,
      withdrawnReason: row.disclosure.withdrawnReason,
      input: toDisclosureInput(stored, areaRows),
      versions: versions.map((version) => ({
        id: version.id,
        version: version.version,
        status: version.status,
        submittedAt: version.submittedAt,
        withdrawnReason: version.withdrawnReason,
        createdAt: version.createdAt,
      })),
      current: row.disclosure.status === "submitted",
      corrects: row.disclosure.status === "draft" ? row.disclosure.supersedesId : null,
    };
  });
}

async function audit(tx: Database, viewer: Viewer, action: AuditAction, id: string, details: Record<string, unknown> = {}) {
  await recordAudit(tx, audited(viewer, action, id, details));
}

/** The audit event of an action on a disclosure. */
function audited(viewer: Viewer, action: AuditAction, id: string, details: Record<string, unknown> = {}): AuditEvent {
  return auditEvent(viewer, action, { subject: { type: "disclosure", id }, details });
}
