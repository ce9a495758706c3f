import type { Metadata } from "next";
import Link from "next/link";
import { SignForm } from "@/components/agreements/sign-form";
import { getAgreement } from "@/lib/agreements/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { signAction } from "../../actions";

export const metadata: Metadata = { title: "Sign the agreement" };

export default async function SignAgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("agreements.sign", `/agreements/${id}/sign`);
  const agreement = await orNotFound(getAgreement(viewer, id));
  const version = agreement.versions[0]!;
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">
        Sign {agreement.reference}, version {version.version}
      </h1>
      {agreement.awaitingYourSignature ? (
        <>
          <p>Read the terms in full. They are exactly what you sign: if they change before you sign, your signature is refused and you can read them again.</p>
          <section aria-labelledby="terms-title" className="border-4 border-rule p-4">
            <h2 id="terms-title" className="text-2xl font-bold">
              The terms
            </h2>
            <pre className="mt-2 whitespace-pre-wrap font-sans">{version.text}</pre>
          </section>
          <SignForm action={signAction} agreementId={agreement.id} termsSha256={version.sha256} defaultName={viewer.displayName} organisationName={viewer.organisation.name} />
        </>
      ) : (
        <p>
          Nothing here waits for your signature. <Link href={`/agreements/${agreement.id}`}>Back to the agreement</Link>
        </p>
      )}
    </div>
  );
}
