import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { sectionOfSlug } from "@/lib/disclosures/sections";
import { getDisclosure } from "@/lib/disclosures/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { SectionPage } from "../../../section-page";

type Props = { params: Promise<{ id: string; section: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const section = sectionOfSlug((await params).section);
  return { title: section ? `${section}: record a disclosure` : "Record a disclosure" };
}

/** One section of the viewer's draft. */
export default async function DraftSectionPage({ params, searchParams }: Props) {
  const { id, section: slug } = await params;
  const viewer = await requirePagePermission("disclosures.create", `/disclosures/${id}/edit/${slug}`);
  const section = sectionOfSlug(slug);
  if (!section) notFound();
  const disclosure = await orNotFound(getDisclosure(viewer, id));
  if (disclosure.status !== "draft" || disclosure.corrects) notFound();
  const query = await searchParams;
  return <SectionPage viewer={viewer} section={section} journey={{ draft: disclosure, fromCheck: query.return === "check", allAuthorities: query.all === "1" }} />;
}
