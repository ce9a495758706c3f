import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/pages";
import { SECTIONS } from "@/lib/taxonomy";
import { SectionPage } from "../section-page";

export const metadata: Metadata = { title: "Record a disclosure" };

/** The first section of a new disclosure; saving it starts the draft the other sections fill in. */
export default async function NewDisclosurePage() {
  const viewer = await requirePagePermission("disclosures.create", "/disclosures/new");
  return <SectionPage viewer={viewer} section={SECTIONS[0]} journey={{ fromCheck: false, allAuthorities: false }} />;
}
