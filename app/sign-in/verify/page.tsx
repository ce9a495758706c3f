import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CodeForm } from "@/components/sign-in/code-form";
import { currentChallenge } from "@/lib/auth/flow";
import { safeReturnPath } from "@/lib/http/return-path";
import { signInWithCode } from "../actions";

export const metadata: Metadata = { title: "Enter your security code" };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeReturnPath((await searchParams).next);
  const challenge = await currentChallenge();
  if (!challenge) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  if (challenge.enrolling) redirect(`/sign-in/enrol?next=${encodeURIComponent(next)}`);
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Enter your security code</h1>
      <CodeForm
        action={signInWithCode}
        next={next}
        label="Security code"
        hint="The 6-digit code from your authenticator app, or one of your recovery codes."
      />
    </div>
  );
}
