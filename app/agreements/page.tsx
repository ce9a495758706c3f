import type { Metadata } from "next";
import Link from "next/link";
import { AgreementList } from "@/components/agreements/agreement-list";
import { AwaitingSignature } from "@/components/agreements/awaiting-signature";
import { can } from "@/lib/access/permissions";
import { listAgreements } from "@/lib/agreements/service";
import { requirePagePermission } from "@/lib/pages";

export const metadata: Metadata = { title: "Agreements" };

export default async function AgreementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePagePermission("agreements.read", "/agreements");
  const agreements = await listAgreements(viewer);
  const deleted = (await searchParams).done === "deleted";
  const manages = can(viewer.role, "agreements.manage");
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Data-sharing agreements</h1>
      {deleted ? (
        <p role="status" className="border-l-4 border-success pl-4 font-bold">
          The draft agreement was deleted.
        </p>
      ) : null}
      <p>
        {manages
          ? "Every agreement on the platform. Draft one, send it to the parties' partner leads to sign, and run it from there."
          : `The agreements ${viewer.organisation.name} is party to, once they have been sent for signature.`}
      </p>
      {manages ? (
        <p>
          <Link href="/agreements/new" className="inline-block bg-action px-4 py-2 text-lg font-bold text-white no-underline visited:text-white hover:bg-action-hover hover:text-white">
            Create an agreement
          </Link>
        </p>
      ) : null}
      <AwaitingSignature agreements={agreements} />
      {agreements.length === 0 ? <p>There are no agreements yet.</p> : <AgreementList caption="Data-sharing agreements by reference" agreements={agreements} />}
    </div>
  );
}
