import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import type { TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/viewer";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { SECTIONS } from "@/lib/taxonomy";
import { toDisclosureInput } from "./rows";
import { codesIn } from "./sections";
import {
  DuplicateReference,
  getCorrection,
  getDisclosure,
  listDisclosures,
  listCoveredLocalAuthorities,
  saveDraft,
  saveCorrectionSection,
  saveDraftSection,
  submitCorrection,
  submitDisclosure,
  submitDraft,
  withdrawDisclosure,
  type SectionAnswers,
} from "./service";

const NOW = new Date("2026-11-15T12:00:00Z");
let test: TestDatabase;
let caseworker: Viewer;
let manager: Viewer;
let otherPartner: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  caseworker = await viewerFor(test.db, "caseworker@idva.example");
  manager = await viewerFor(test.db, "manager@idva.example");
  otherPartner = await viewerFor(test.db, "caseworker@isva.example");
});
afterAll(async () => {
  await test?.close();
});

let seed = 0;
/** A complete, valid submission, different each time. */
function validInput(overrides: Record<string, unknown> = {}) {
  seed += 1;
  const [record] = generateDisclosures({ seed, count: 1, partnerType: "idva_service", ladCodes: ["E08000035"], months: ["2026-09"], now: NOW });
  const input = toDisclosureInput(record!.disclosure, record!.threatAreas) as Record<string, unknown>;
  return { ...input, ...overrides };
}

async function stored(id: string) {
  const [row] = await test.db.select().from(t.disclosures).where(eq(t.disclosures.id, id));
  return row!;
}

describe("drafts", () => {
  it("are saved part-way and private to their author", async () => {
    const { id } = await saveDraft(caseworker, { disclosure_month: "2026-10", victim_age_band: "25-34" }, undefined, NOW);
    expect(await stored(id)).toMatchObject({ status: "draft", disclosureMonth: "2026-10-01", victimAgeBand: "25-34", createdBy: caseworker.userId });
    expect((await getDisclosure(caseworker, id)).input).toMatchObject({ disclosure_month: "2026-10", victim_age_band: "25-34" });
    await expect(getDisclosure(manager, id)).rejects.toBeInstanceOf(NotFound);
    expect((await listDisclosures(manager, { status: "draft" })).items.map((item) => item.id)).not.toContain(id);
  });

  it("still refuse an invalid answer, naming the field", async () => {
    const attempt = saveDraft(caseworker, { disclosure_month: "2031-01" }, undefined, NOW);
    await expect(attempt).rejects.toBeInstanceOf(Invalid);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { disclosure_month: expect.any(String) } });
  });

  it("become submissions that the partner lead then sees", async () => {
    const { id } = await saveDraft(caseworker, { disclosure_month: "2026-10" }, undefined, NOW);
    await submitDisclosure(caseworker, validInput(), id, NOW);
    expect(await stored(id)).toMatchObject({ status: "submitted", forceAreaCode: "E23000010" });
    expect((await getDisclosure(manager, id)).status).toBe("submitted");
  });

  it("cannot be overwritten by someone else", async () => {
    const { id } = await saveDraft(caseworker, { victim_sex: "male" }, undefined, NOW);
    await expect(saveDraft(manager, { victim_sex: "female" }, id, NOW)).rejects.toBeInstanceOf(NotFound);
  });
});

describe("drafts a section at a time", () => {
  const LEEDS = "E08000035";
  const WILTSHIRE = "E06000054";

  it("refuses a draft with no answers at all, saying so", async () => {
    const empty = saveDraft(caseworker, {}, undefined, NOW);
    await expect(empty).rejects.toBeInstanceOf(Invalid);
    await expect(empty).rejects.toThrow("Answer at least one question before saving a draft.");
    const emptySection = saveDraftSection(caseworker, { section: "Period", input: {}, complete: false }, undefined, NOW);
    await expect(emptySection).rejects.toThrow("Answer at least one question before saving a draft.");
  });

  it("keeps each section's answers as the next section is saved", async () => {
    const { id, missing } = await saveDraftSection(caseworker, { section: "Period", input: { disclosure_month: "2026-10", abuse_recency: "not_known" }, complete: true }, undefined, NOW);
    expect(missing).toEqual({});
    await saveDraftSection(caseworker, { section: "Threat areas", input: { threat_areas: { stalking_harassment: ["not_known"] } }, complete: true }, id, NOW);
    expect((await getDisclosure(caseworker, id)).input).toMatchObject({
      disclosure_month: "2026-10",
      abuse_recency: "not_known",
      threat_areas: { stalking_harassment: ["not_known"] },
    });
    expect(await stored(id)).toMatchObject({ status: "draft", createdBy: caseworker.userId });
  });

  it("takes back a section's answers that are no longer given, leaving the other sections alone", async () => {
    const { id } = await saveDraftSection(caseworker, { section: "Reporting", input: { reported_to_police: "no", barriers: ["fear_of_perpetrator"] }, complete: false }, undefined, NOW);
    await saveDraftSection(caseworker, { section: "Victim", input: { victim_sex: "female" }, complete: false }, id, NOW);
    await saveDraftSection(caseworker, { section: "Reporting", input: { reported_to_police: "yes" }, complete: false }, id, NOW);
    const input = (await getDisclosure(caseworker, id)).input;
    expect(input).toMatchObject({ victim_sex: "female", reported_to_police: "yes", barriers: [] });
  });

  it("lists only the section's missing answers on continuing, and starts no draft until the first is complete", async () => {
    const before = (await listDisclosures(caseworker, { status: "draft" })).total;
    const first = saveDraftSection(caseworker, { section: "Period", input: { disclosure_month: "2026-10" }, complete: true }, undefined, NOW);
    await expect(first).rejects.toMatchObject({ fieldErrors: { abuse_recency: "Select how long ago the abuse happened" } });
    expect((await listDisclosures(caseworker, { status: "draft" })).total).toBe(before);

    const { id } = await saveDraftSection(caseworker, { section: "Period", input: { disclosure_month: "2026-10", abuse_recency: "not_known" }, complete: true }, undefined, NOW);
    const victim = await saveDraftSection(caseworker, { section: "Victim", input: { victim_sex: "female" }, complete: true }, id, NOW);
    expect(Object.keys(victim.missing)).toContain("victim_age_band");
    expect(Object.keys(victim.missing)).not.toContain("lad_code");
    expect(Object.keys(victim.missing)).not.toContain("victim_sex");
    // What was given is kept even while the section is incomplete.
    expect((await getDisclosure(caseworker, id)).input).toMatchObject({ victim_sex: "female" });
  });

  it("offers the organisation's own local authorities: Leeds for the Leeds service, Bradford for Bradford's", async () => {
    expect(await listCoveredLocalAuthorities(caseworker)).toEqual([LEEDS]);
    expect(await listCoveredLocalAuthorities(otherPartner)).toEqual(["E08000032"]);
  });

  it("asks a Bradford partner to confirm Wiltshire, and saves it once confirmed", async () => {
    const { id } = await saveDraftSection(otherPartner, { section: "Victim", input: { victim_sex: "female" }, complete: false }, undefined, NOW);
    const unconfirmed = saveDraftSection(otherPartner, { section: "Place", input: { lad_code: WILTSHIRE }, complete: false }, id, NOW);
    await expect(unconfirmed).rejects.toMatchObject({ fieldErrors: { lad_code: "Wiltshire is outside your organisation’s area: confirm it is right, or choose a local authority in your area" } });
    expect((await getDisclosure(otherPartner, id)).input).not.toHaveProperty("lad_code");

    await saveDraftSection(otherPartner, { section: "Place", input: { lad_code: WILTSHIRE }, complete: false, confirmedLocalAuthority: WILTSHIRE }, id, NOW);
    expect((await getDisclosure(otherPartner, id)).input).toMatchObject({ lad_code: WILTSHIRE });
    // Bradford itself needs no confirmation.
    await saveDraftSection(otherPartner, { section: "Place", input: { lad_code: "E08000032" }, complete: false }, id, NOW);
    expect((await getDisclosure(otherPartner, id)).input).toMatchObject({ lad_code: "E08000032" });
  });

  it("submits the draft as saved, checked whole, keeping its partner reference", async () => {
    const input = validInput({ partner_reference: `SECTION-${seed}` }) as Record<string, unknown>;
    const { partner_reference: reference, ...answers } = input;
    const { id } = await saveDraftSection(caseworker, { section: "Context", input: { partner_reference: reference }, complete: false }, undefined, NOW);
    const incomplete = submitDraft(caseworker, id, NOW);
    await expect(incomplete).rejects.toMatchObject({ fieldErrors: { disclosure_month: expect.any(String), lad_code: "Select the local authority district" } });
    expect(await stored(id)).toMatchObject({ status: "draft" });

    for (const section of SECTIONS.filter((name) => name !== "Context")) {
      const given = Object.fromEntries(Object.entries(answers).filter(([code]) => codesIn(section).includes(code)));
      await saveDraftSection(caseworker, { section, input: given, complete: true }, id, NOW);
    }
    const hash = (await stored(id)).partnerReferenceHash;
    expect(hash).not.toBeNull();
    await submitDraft(caseworker, id, NOW);
    expect(await stored(id)).toMatchObject({ status: "submitted", partnerReferenceHash: hash });
  });
});

describe("submitting", () => {
  it("refuses free text that looks like personal data, naming the kind, and stores nothing", async () => {
    const [before] = await test.db.select({ n: count() }).from(t.disclosures);
    const attempt = submitDisclosure(caseworker, validInput({ context: "Her mobile is 07700 900123, call after 6." }), undefined, NOW);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { context: expect.stringMatching(/phone number/) } });
    await expect(attempt).rejects.not.toMatchObject({ fieldErrors: { context: expect.stringContaining("07700") } });
    expect(await test.db.select({ n: count() }).from(t.disclosures)).toEqual([before]);
  });

  it("names every kind of personal data found in the free text", async () => {
    const attempt = submitDisclosure(caseworker, validInput({ context: "Email jo@example.com or ring 07700 900123." }), undefined, NOW);
    await expect(attempt).rejects.toMatchObject({
      fieldErrors: { context: expect.stringMatching(/e-?mail address \(characters 7 to 20\); .*phone number \(characters 30 to 41\)/) },
    });
  });

  it("stores the partner reference only as a keyed hash, and refuses it again as a duplicate", async () => {
    const { id } = await submitDisclosure(caseworker, validInput({ partner_reference: "IDVA-2026-0042" }), undefined, NOW);
    const row = await stored(id);
    expect(row.partnerReferenceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain("IDVA-2026-0042");
    const again = submitDisclosure(caseworker, validInput({ partner_reference: "IDVA-2026-0042" }), undefined, NOW);
    await expect(again).rejects.toBeInstanceOf(DuplicateReference);
    await expect(again).rejects.toMatchObject({ existingId: id });
    // The same reference from another partner is that partner's own case.
    await submitDisclosure(otherPartner, validInput({ partner_reference: "IDVA-2026-0042", lad_code: "E08000032" }), undefined, NOW);
  });

  it.each(["analyst@police.example", "viewer@police.example", "admin@national.example", "auditor@national.example"])(
    "is refused to %s",
    async (email) => {
      const someone = await viewerFor(test.db, email);
      await expect(submitDisclosure(someone, validInput(), undefined, NOW)).rejects.toBeInstanceOf(Forbidden);
      await expect(listDisclosures(someone)).rejects.toBeInstanceOf(Forbidden);
    },
  );
});

/** A correction's Victim section: the answers of a valid disclosure, with `changes`. */
function victimSection(changes: Record<string, unknown>): SectionAnswers {
  return { section: "Victim", input: { ...pick(validInput(), codesIn("Victim")), ...changes }, complete: true };
}

const NOT_CURRENT = "Only the current submitted version of a disclosure can be corrected or withdrawn.";

describe("corrections and withdrawals", () => {
  it("make a correction a new version that supersedes the old, keeping the history", async () => {
    const { id } = await submitDisclosure(caseworker, validInput({ victim_sex: "male", partner_reference: "IDVA-CORRECT-1" }), undefined, NOW);
    await saveCorrectionSection(caseworker, victimSection({ victim_sex: "female" }), id, NOW);
    const { id: corrected } = await submitCorrection(caseworker, id, NOW);
    expect(await stored(id)).toMatchObject({ status: "superseded" });
    expect(await stored(corrected)).toMatchObject({ status: "submitted", version: 2, supersedesId: id, seriesId: id });
    expect((await stored(corrected)).partnerReferenceHash).toBe((await stored(id)).partnerReferenceHash);
    const detail = await getDisclosure(caseworker, corrected);
    expect(detail.versions.map((version) => [version.version, version.status])).toEqual([
      [2, "submitted"],
      [1, "superseded"],
    ]);
    const [live] = await test.db
      .select({ n: count() })
      .from(t.disclosures)
      .where(and(eq(t.disclosures.seriesId, id), eq(t.disclosures.status, "submitted")));
    expect(live!.n).toBe(1);
    const listed = (await listDisclosures(caseworker)).items.map((item) => item.id);
    expect(listed).toContain(corrected);
    expect(listed).not.toContain(id);
    // The superseded version is history: a correction starts only from the current one.
    await expect(saveCorrectionSection(caseworker, victimSection({ victim_sex: "male" }), id, NOW)).rejects.toThrow(NOT_CURRENT);
    await expect(submitCorrection(caseworker, id, NOW)).rejects.toThrow(NOT_CURRENT);
  });

  it("withdraw a submission with a reason, after which it can be neither corrected nor withdrawn again", async () => {
    const { id } = await submitDisclosure(caseworker, validInput(), undefined, NOW);
    await expect(withdrawDisclosure(caseworker, id, " ", NOW)).rejects.toBeInstanceOf(Invalid);
    await withdrawDisclosure(caseworker, id, "Entered in error", NOW);
    expect(await stored(id)).toMatchObject({ status: "withdrawn", withdrawnReason: "Entered in error" });
    await expect(withdrawDisclosure(caseworker, id, "Again", NOW)).rejects.toBeInstanceOf(Conflict);
    await expect(saveCorrectionSection(caseworker, victimSection({ victim_sex: "female" }), id, NOW)).rejects.toThrow(NOT_CURRENT);
    await expect(submitCorrection(caseworker, id, NOW)).rejects.toThrow(NOT_CURRENT);
  });
});

describe("a correction a section at a time", () => {
  it("starts from the answers it corrects, is kept as its author's draft, and becomes the next version when submitted", async () => {
    const { id } = await submitDisclosure(caseworker, validInput({ victim_sex: "male", partner_reference: "IDVA-SECTIONS-1" }), undefined, NOW);
    expect((await getCorrection(caseworker, id)).draft).toBeNull();
    await expect(submitCorrection(caseworker, id, NOW)).rejects.toThrow("Change at least one answer before submitting a correction.");

    const { id: draftId } = await saveCorrectionSection(caseworker, { section: "Victim", input: { ...pick(validInput(), codesIn("Victim")), victim_sex: "female" }, complete: true }, id, NOW);
    const correction = await getCorrection(caseworker, id);
    expect(correction.draft?.id).toBe(draftId);
    expect(correction.draft?.input).toMatchObject({ victim_sex: "female", disclosure_month: correction.disclosure.input.disclosure_month });
    expect(await stored(draftId)).toMatchObject({ status: "draft", supersedesId: id, seriesId: id, version: 2, partnerReferenceHash: null });
    // Counted nowhere and listed nowhere: the disclosure it corrects still counts, and stays listed.
    expect(await stored(id)).toMatchObject({ status: "submitted" });
    expect((await listDisclosures(caseworker, { status: "draft" })).items.map((item) => item.id)).not.toContain(draftId);
    await expect(getCorrection(manager, id).then((found) => found.draft)).resolves.toBeNull();
    // It is no draft of a new disclosure: it cannot be submitted as one.
    await expect(submitDraft(caseworker, draftId, NOW)).rejects.toBeInstanceOf(NotFound);

    const { id: corrected } = await submitCorrection(caseworker, id, NOW);
    expect(await stored(id)).toMatchObject({ status: "superseded" });
    expect(await stored(corrected)).toMatchObject({ status: "submitted", version: 2, supersedesId: id, seriesId: id, victimSex: "female" });
    expect((await stored(corrected)).partnerReferenceHash).toBe((await stored(id)).partnerReferenceHash);
    const [gone] = await test.db.select({ n: count() }).from(t.disclosures).where(eq(t.disclosures.id, draftId));
    expect(gone!.n).toBe(0);
  });

  it("names a section's missing answer, and keeps the partner reference given again as the one it has", async () => {
    const { id } = await submitDisclosure(caseworker, validInput({ partner_reference: "IDVA-SECTIONS-2" }), undefined, NOW);
    const refused = saveCorrectionSection(caseworker, { section: "Period", input: { disclosure_month: "2026-09" }, complete: true }, id, NOW);
    await expect(refused).rejects.toMatchObject({ message: "There is a problem with your answers.", fieldErrors: { abuse_recency: expect.any(String) } });
    expect((await getCorrection(caseworker, id)).draft).toBeNull();
    await saveCorrectionSection(caseworker, { section: "Context", input: { partner_reference: "IDVA-SECTIONS-2" }, complete: true }, id, NOW);
    const { id: corrected } = await submitCorrection(caseworker, id, NOW);
    expect((await stored(corrected)).partnerReferenceHash).toBe((await stored(id)).partnerReferenceHash);
  });

  it("refuses a second person's correction while one is in progress", async () => {
    const { id } = await submitDisclosure(caseworker, validInput(), undefined, NOW);
    await saveCorrectionSection(caseworker, { section: "Victim", input: { ...pick(validInput(), codesIn("Victim")), victim_sex: "female" }, complete: false }, id, NOW);
    await expect(saveCorrectionSection(manager, { section: "Victim", input: { victim_sex: "male" }, complete: false }, id, NOW)).rejects.toThrow(
      "Someone else is correcting this disclosure",
    );
  });

  it("is not found for another organisation's disclosure", async () => {
    const { id } = await submitDisclosure(caseworker, validInput(), undefined, NOW);
    await expect(getCorrection(otherPartner, id)).rejects.toBeInstanceOf(NotFound);
    await expect(saveCorrectionSection(otherPartner, { section: "Victim", input: { victim_sex: "female" }, complete: false }, id, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(submitCorrection(otherPartner, id, NOW)).rejects.toBeInstanceOf(NotFound);
  });
});

function pick(input: Record<string, unknown>, codes: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([code]) => codes.includes(code)));
}

describe("another organisation's disclosure", () => {
  it("is not found through every service door", async () => {
    const { id } = await submitDisclosure(caseworker, validInput(), undefined, NOW);
    await expect(getDisclosure(otherPartner, id)).rejects.toBeInstanceOf(NotFound);
    await expect(withdrawDisclosure(otherPartner, id, "Not mine", NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(saveCorrectionSection(otherPartner, { section: "Victim", input: { victim_sex: "female" }, complete: false }, id, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(submitCorrection(otherPartner, id, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(saveDraft(otherPartner, { victim_sex: "female" }, id, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(saveDraftSection(otherPartner, { section: "Victim", input: { victim_sex: "female" }, complete: false }, id, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(submitDraft(otherPartner, id, NOW)).rejects.toBeInstanceOf(NotFound);
    expect((await listDisclosures(otherPartner)).items.map((item) => item.id)).not.toContain(id);
    expect(await stored(id)).toMatchObject({ status: "submitted" });
  });

  it("is not found for a malformed id either", async () => {
    await expect(getDisclosure(caseworker, "not-a-uuid")).rejects.toBeInstanceOf(NotFound);
  });
});

describe("lists", () => {
  it("filter by month range, threat area and status, and page", async () => {
    const month = await listDisclosures(manager, { fromMonth: "2026-09", toMonth: "2026-09", status: "submitted" });
    expect(month.items.length).toBeGreaterThanOrEqual(3);
    expect(month.items.every((item) => item.disclosureMonth === "2026-09" && item.status === "submitted")).toBe(true);
    expect(month.total).toBeGreaterThanOrEqual(3);
    const area = month.items[0]!.threatAreas[0]!;
    const byArea = await listDisclosures(manager, { threatArea: area });
    expect(byArea.items.length).toBeGreaterThan(0);
    expect(byArea.items.every((item) => item.threatAreas.includes(area))).toBe(true);
    // A page past the end shows the last page (lib/disclosures/paging.integration.test.ts).
    const last = await listDisclosures(manager, { page: 99 });
    expect(last.page).toBe(Math.ceil(last.total / last.pageSize));
    expect(last.items.length).toBeGreaterThan(0);
  });

  it("show a caseworker only the disclosures they started, and their partner lead all of the organisation's", async () => {
    const { id } = await submitDisclosure(manager, validInput(), undefined, NOW);
    expect((await listDisclosures(manager)).items.map((item) => item.id)).toContain(id);
    expect((await listDisclosures(caseworker)).items.map((item) => item.id)).not.toContain(id);
    await expect(getDisclosure(caseworker, id)).rejects.toBeInstanceOf(NotFound);
  });
});
