import type { Metadata } from "next";
import Link from "next/link";
import { DisclosureForm } from "@/components/disclosures/disclosure-form";
import { requirePagePermission } from "@/lib/pages";
import { saveDisclosureAction } from "../actions";
import { latestMonth, localAuthorityGroups } from "../form-options";

export const metadata: Metadata = { title: "Record a disclosure" };

export default async function NewDisclosurePage() {
  await requirePagePermission("disclosures.create", "/disclosures/new");
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href="/disclosures">Back to disclosures</Link>
      </p>
      <h1 className="text-3xl font-bold">Record a disclosure</h1>
      <p>Answer each question, choosing ‘Not known’ where you do not know. You can save a draft and come back to it; only you can see your drafts.</p>
      <DisclosureForm action={saveDisclosureAction} mode="new" maxMonth={latestMonth()} localAuthorities={localAuthorityGroups()} />
    </div>
  );
}
