import { ASKED_QUESTIONS, SECTIONS, type Section } from "@/lib/taxonomy";

/**
 * The disclosure form asked a section at a time (GOV.UK question pages, then "Check your
 * answers"). The sections and their questions come from lib/taxonomy/questions.ts; this module
 * only names each section's page, merges a section's answers into a draft, and sorts problems
 * found by the one schema into the sections they belong to. Pure, so pages and tests share it.
 */

export type { Section } from "@/lib/taxonomy";

/** A section's page name: "Referrals and support" is `referrals-and-support`. */
export function sectionSlug(section: Section): string {
  return section.toLowerCase().replaceAll(" ", "-");
}

export function sectionOfSlug(slug: string): Section | undefined {
  return SECTIONS.find((section) => sectionSlug(section) === slug);
}

/** The section after this one, or undefined after the last (then the answers are checked). */
export function sectionAfter(section: Section): Section | undefined {
  return SECTIONS[SECTIONS.indexOf(section) + 1];
}

/** The field codes a section asks. */
export function codesIn(section: Section): string[] {
  return ASKED_QUESTIONS.filter((question) => question.section === section).map((question) => question.code);
}

/** The section a problem belongs to: `"threat_areas.rasso"` is the threat areas'; `""` (the whole disclosure) none. */
export function sectionOfField(path: string): Section | undefined {
  const code = path.split(".")[0];
  return ASKED_QUESTIONS.find((question) => question.code === code)?.section;
}

/**
 * A draft's answers with one section answered again: every answer of that section is replaced by
 * what was given now (a box unticked is an answer taken back), the other sections are kept.
 */
export function withSection(stored: Readonly<Record<string, unknown>>, section: Section, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const replaced = new Set(codesIn(section));
  const kept = Object.entries(stored).filter(([code]) => !replaced.has(code));
  return { ...Object.fromEntries(kept), ...given };
}

/** The problems that belong to one section, in the order found. */
export function errorsIn(fieldErrors: Readonly<Record<string, string>>, section: Section): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldErrors).filter(([path]) => sectionOfField(path) === section));
}

/** The first section with a problem, or undefined when none has one. */
export function firstSectionWithErrors(fieldErrors: Readonly<Record<string, string>>): Section | undefined {
  const sections = new Set(Object.keys(fieldErrors).map(sectionOfField));
  return SECTIONS.find((section) => sections.has(section));
}
