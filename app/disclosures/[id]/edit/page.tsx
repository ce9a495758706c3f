import { notFound, redirect } from "next/navigation";
import { disclosureParser } from "@/lib/disclosures/parse";
import { firstSectionWithErrors, sectionSlug } from "@/lib/disclosures/sections";
import { getDisclosure } from "@/lib/disclosures/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";

/** Continuing a draft: the first section with something missing, or "Check your answers" when none has. */
export default async function ContinueDraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("disclosures.create", `/disclosures/${id}/edit`);
  const disclosure = await orNotFound(getDisclosure(viewer, id));
  if (disclosure.status !== "draft" || disclosure.corrects) notFound();
  const checked = disclosureParser("submit", new Date())(disclosure.input);
  const section = checked.ok ? undefined : firstSectionWithErrors(checked.fieldErrors);
  redirect(section ? `/disclosures/${id}/edit/${sectionSlug(section)}` : `/disclosures/${id}/check`);
}
