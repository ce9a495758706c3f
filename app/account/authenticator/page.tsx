import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EnrolmentInstructions } from "@/components/sign-in/enrolment-instructions";
import { CodeForm } from "@/components/sign-in/code-form";
import { authenticatorChangeDetails } from "@/lib/auth/flow";
import { requirePagePermission } from "@/lib/pages";
import { confirmAuthenticatorAction } from "../actions";

export const metadata: Metadata = { title: "Set up a new authenticator" };

export default async function NewAuthenticatorPage() {
  const viewer = await requirePagePermission("account.manage_own", "/account/authenticator");
  const enrolment = await authenticatorChangeDetails(viewer);
  if (!enrolment) redirect("/account");
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Set up a new authenticator</h1>
      <p>Your old authenticator and recovery codes keep working until the new one is confirmed.</p>
      <EnrolmentInstructions enrolment={enrolment} />
      <CodeForm action={confirmAuthenticatorAction} next="/account" label="Code from the app" hint="For example, 123456." submitLabel="Confirm" />
    </div>
  );
}
