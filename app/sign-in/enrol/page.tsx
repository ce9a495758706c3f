import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CodeForm } from "@/components/sign-in/code-form";
import { enrolmentDetails, safeReturnPath } from "@/lib/auth/flow";
import { signInWithCode } from "../actions";

export const metadata: Metadata = { title: "Set up your authenticator app" };

export default async function EnrolPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeReturnPath((await searchParams).next);
  const enrolment = await enrolmentDetails();
  if (!enrolment) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  const groupedSecret = enrolment.secret.match(/.{1,4}/g)?.join(" ") ?? enrolment.secret;
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Set up your authenticator app</h1>
      <p>
        Every account needs a second step at sign-in. Use an authenticator app on your phone, such as Microsoft
        Authenticator or Google Authenticator.
      </p>
      <ol className="list-decimal space-y-4 pl-6">
        <li>
          <p>Scan this QR code with the app.</p>
          <div
            className="mt-2 w-48 border-2 border-ink bg-white"
            role="img"
            aria-label={`QR code for the authenticator app, for ${enrolment.email}`}
            // The SVG is generated on the server from our own otpauth URI; it holds no user input.
            dangerouslySetInnerHTML={{ __html: enrolment.qrCodeSvg }}
          />
        </li>
        <li>
          <p>If you cannot scan it, enter this key in the app instead:</p>
          <p className="mt-1 font-mono text-lg font-bold tracking-wider" aria-label={`Key: ${enrolment.secret.split("").join(" ")}`}>
            {groupedSecret}
          </p>
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <CodeForm action={signInWithCode} next={next} label="Code from the app" hint="For example, 123456." />
    </div>
  );
}
