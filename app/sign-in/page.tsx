import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasswordForm } from "@/components/sign-in/password-form";
import { safeReturnPath } from "@/lib/auth/flow";
import { getViewer } from "@/lib/auth/viewer";
import { signInWithPassword } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeReturnPath(params.next);
  if (await getViewer()) redirect(next);
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Sign in</h1>
      {params["signed-out"] ? (
        <p role="status" className="border-l-4 border-success pl-4 font-bold">
          You have signed out.
        </p>
      ) : null}
      <p>
        Sign in with the e-mail address and password for your account. You will then need the code from the
        authenticator app on your phone.
      </p>
      <PasswordForm action={signInWithPassword} next={next} />
    </div>
  );
}
