import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CodeForm } from "@/components/sign-in/code-form";
import { EnrolmentInstructions } from "@/components/sign-in/enrolment-instructions";
import { enrolmentDetails } from "@/lib/auth/flow";
import { safeReturnPath } from "@/lib/http/return-path";
import { signInWithCode } from "../actions";

export const metadata: Metadata = { title: "Set up your authenticator app" };

export default async function EnrolPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeReturnPath((await searchParams).next);
  const enrolment = await enrolmentDetails();
  if (!enrolment) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Set up your authenticator app</h1>
      <p>
        Every account needs a second step at sign-in. Use an authenticator app on your phone, such as Microsoft
        Authenticator or Google Authenticator.
      </p>
      <EnrolmentInstructions enrolment={enrolment} />
      <CodeForm action={signInWithCode} next={next} label="Code from the app" hint="For example, 123456." />
    </div>
  );
}
