import Link from "next/link";
import { DisclosureForm } from "@/components/disclosures/disclosure-form";
import type { Viewer } from "@/lib/auth/viewer";
import { inputToForm, single } from "@/lib/disclosures/form-data";
import { sectionSlug, type Section } from "@/lib/disclosures/sections";
import { listCoveredLocalAuthorities, type DisclosureDetail } from "@/lib/disclosures/service";
import { SECTIONS } from "@/lib/taxonomy";
import { saveSectionAction } from "./actions";
import { latestMonth, localAuthorityChoice } from "./form-options";

type SectionPageProps = {
  viewer: Viewer;
  section: Section;
  /** The draft being answered; none on the first page of a new disclosure. */
  draft?: DisclosureDetail;
  /** Came from "Check your answers": go back there after saving. */
  fromCheck: boolean;
  /** Every local authority in England and Wales was asked for. */
  allAuthorities: boolean;
};

/** One section of the disclosure form as a GOV.UK question page: its questions, then "Save and continue". */
export async function SectionPage({ viewer, section, draft, fromCheck, allAuthorities }: SectionPageProps) {
  const index = SECTIONS.indexOf(section);
  const initial = draft ? inputToForm(draft.input) : {};
  const covered = await listCoveredLocalAuthorities(viewer);
  const saved = single(initial, "lad_code");
  const previous = index > 0 ? SECTIONS[index - 1] : undefined;
  const back = !draft
    ? { href: "/disclosures", label: "Back to disclosures" }
    : fromCheck
      ? { href: `/disclosures/${draft.id}/check`, label: "Back to check your answers" }
      : previous
        ? { href: `/disclosures/${draft.id}/edit/${sectionSlug(previous)}`, label: `Back to ${previous.toLowerCase()}` }
        : { href: `/disclosures/${draft.id}`, label: "Back to the draft" };
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href={back.href}>{back.label}</Link>
      </p>
      <div>
        <p className="text-lg text-muted">
          Record a disclosure: section {index + 1} of {SECTIONS.length}
        </p>
        <h1 className="text-3xl font-bold">{section}</h1>
      </div>
      {index === 0 && !draft ? (
        <p>Answer each question, choosing ‘Not known’ where you do not know. Your answers are saved as a draft as you go; only you can see your drafts.</p>
      ) : null}
      <DisclosureForm
        key={`${section}-${draft?.id ?? "new"}`}
        action={saveSectionAction}
        mode="section"
        sections={[section]}
        label={`Disclosure: ${section.toLowerCase()}`}
        initial={initial}
        fields={{ section: sectionSlug(section), ...(draft ? { draft_id: draft.id } : {}), ...(fromCheck ? { return: "check" } : {}) }}
        maxMonth={latestMonth()}
        localAuthorities={localAuthorityChoice(covered, { all: allAuthorities, saved: saved === "" ? undefined : saved })}
      />
    </div>
  );
}
