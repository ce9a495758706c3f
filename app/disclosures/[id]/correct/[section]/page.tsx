import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { sectionOfSlug } from "@/lib/disclosures/sections";
import { getCorrection } from "@/lib/disclosures/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { SectionPage } from "../../../section-page";

type Props = { params: Promise<{ id: string; section: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const section = sectionOfSlug((await params).section);
  return { title: section ? `${section}: correct a disclosure` : "Correct a disclosure" };
}

/** One section of a correction, its answers as corrected so far. */
export default async function CorrectionSectionPage({ params }: Props) {
  const { id, section: slug } = await params;
  const viewer = await requirePagePermission("disclosures.correct", `/disclosures/${id}/correct/${slug}`);
  const section = sectionOfSlug(slug);
  if (!section) notFound();
  const correction = await orNotFound(getCorrection(viewer, id));
  return <SectionPage viewer={viewer} section={section} journey={{ correction }} />;
}
