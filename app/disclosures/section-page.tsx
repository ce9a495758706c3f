import Link from "next/link";
import { DisclosureForm } from "@/components/disclosures/disclosure-form";
import type { Viewer } from "@/lib/auth/viewer";
import { inputToForm, single } from "@/lib/disclosures/form-data";
import { sectionSlug, type Section } from "@/lib/disclosures/sections";
import { listCoveredLocalAuthorities, type Correction, type DisclosureDetail } from "@/lib/disclosures/service";
import { SECTIONS } from "@/lib/taxonomy";
import { saveCorrectionSectionAction, saveSectionAction } from "./actions";
import { latestMonth, localAuthorityChoice } from "./form-options";

/** What a section page answers: a new disclosure or the viewer's draft of one, or a correction of a submitted one. */
type Journey =
  | {
      /** The draft being answered; none on the first page of a new disclosure. */
      draft?: DisclosureDetail;
      /** Came from "Check your answers": go back there after saving. */
      fromCheck: boolean;
      /** Every local authority in England and Wales was asked for. */
      allAuthorities: boolean;
    }
  | { correction: Correction };

type SectionPageProps = { viewer: Viewer; section: Section; journey: Journey };

/**
 * One section of the disclosure form as a GOV.UK question page: its questions, then "Save and
 * continue". A correction asks the same sections, starting from the answers it corrects, and
 * goes back to checking them after each.
 */
export async function SectionPage({ viewer, section, journey }: SectionPageProps) {
  const index = SECTIONS.indexOf(section);
  const covered = await listCoveredLocalAuthorities(viewer);
  const page = "correction" in journey ? correctionPage(journey.correction, covered) : draftPage(journey, section, covered);
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href={page.back.href}>{page.back.label}</Link>
      </p>
      <div>
        <p className="text-lg text-muted">
          {page.caption}: section {index + 1} of {SECTIONS.length}
        </p>
        <h1 className="text-3xl font-bold">{section}</h1>
      </div>
      {page.intro ? <p>{page.intro}</p> : null}
      <DisclosureForm
        key={`${section}-${page.key}`}
        action={page.action}
        mode={page.mode}
        sections={[section]}
        label={`${page.label}: ${section.toLowerCase()}`}
        initial={page.initial}
        fields={{ section: sectionSlug(section), ...page.fields }}
        maxMonth={latestMonth()}
        localAuthorities={page.localAuthorities}
      />
    </div>
  );
}

function draftPage({ draft, fromCheck, allAuthorities }: Exclude<Journey, { correction: Correction }>, section: Section, covered: string[]) {
  const index = SECTIONS.indexOf(section);
  const initial = draft ? inputToForm(draft.input) : {};
  const saved = single(initial, "lad_code");
  const previous = index > 0 ? SECTIONS[index - 1] : undefined;
  const back = !draft
    ? { href: "/disclosures", label: "Back to disclosures" }
    : fromCheck
      ? { href: `/disclosures/${draft.id}/check`, label: "Back to check your answers" }
      : previous
        ? { href: `/disclosures/${draft.id}/edit/${sectionSlug(previous)}`, label: `Back to ${previous.toLowerCase()}` }
        : { href: `/disclosures/${draft.id}`, label: "Back to the draft" };
  return {
    key: draft?.id ?? "new",
    caption: "Record a disclosure",
    label: "Disclosure",
    intro: index === 0 && !draft ? "Answer each question, choosing ‘Not known’ where you do not know. Your answers are saved as a draft as you go; only you can see your drafts." : null,
    back,
    action: saveSectionAction,
    mode: "section" as const,
    initial,
    fields: { ...(draft ? { draft_id: draft.id } : {}), ...(fromCheck ? { return: "check" } : {}) },
    localAuthorities: localAuthorityChoice(covered, { all: allAuthorities, saved: saved === "" ? undefined : saved }),
  };
}

function correctionPage({ disclosure, draft }: Correction, covered: string[]) {
  return {
    key: `correct-${disclosure.id}`,
    caption: "Correct a disclosure",
    label: "Correction",
    intro: null,
    back: { href: `/disclosures/${disclosure.id}/correct`, label: "Back to check your answers" },
    action: saveCorrectionSectionAction,
    mode: "correct" as const,
    initial: inputToForm((draft ?? disclosure).input),
    fields: { correct_id: disclosure.id },
    // Every district is offered, the organisation's own first; a correction is not asked to confirm one.
    localAuthorities: { ...localAuthorityChoice(covered, { all: true }), covered: [] },
  };
}
