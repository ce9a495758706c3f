import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { WithdrawForm } from "@/components/disclosures/withdraw-form";
import { getDisclosure } from "@/lib/disclosures/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { withdrawDisclosureAction } from "../../actions";

export const metadata: Metadata = { title: "Withdraw a disclosure" };

export default async function WithdrawDisclosurePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("disclosures.withdraw", `/disclosures/${id}/withdraw`);
  const disclosure = await orNotFound(getDisclosure(viewer, id));
  if (!disclosure.current) notFound();
  return (
    <div className="max-w-2xl space-y-6">
      <p>
        <Link href={`/disclosures/${id}`}>Back to the disclosure</Link>
      </p>
      <h1 className="text-3xl font-bold">Withdraw a disclosure</h1>
      <p>A withdrawn disclosure stops counting anywhere at once. It stays in the history with your reason.</p>
      <WithdrawForm action={withdrawDisclosureAction} id={disclosure.id} />
    </div>
  );
}
