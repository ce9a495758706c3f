import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { PasswordForm } from "@/components/sign-in/password-form";
import { safeReturnPath } from "@/lib/http/return-path";
import { listSsoSignInOptions, ssoProblem } from "@/lib/auth/sso-flow";
import { getViewer } from "@/lib/auth/viewer";
import { signInWithPassword } from "./actions";
import { signInWithSsoAction } from "./sso-actions";
import { TitledSection } from "@/components/titled-section";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeReturnPath(params.next);
  if (await getViewer()) redirect(next);
  const providers = await listSsoSignInOptions();
  const problem = ssoProblem({ sso: params.sso, error: params.error });
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Sign in</h1>
      {problem ? <ErrorSummary message={problem} fieldErrors={{}} /> : null}
      {params.invitation === "accepted" ? (
        <p role="status" className="border-l-4 border-success pl-4 font-bold">
          Your account is ready. Sign in to set up your authenticator app.
        </p>
      ) : null}
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
      {providers.length > 0 ? (
        <TitledSection id="sso-title" title="Sign in through your organisation" className="space-y-4 border-t-2 border-rule pt-6">
          <p>
            If your organisation has set this up, sign in with your work account instead. Your organisation&apos;s
            sign-in service asks for your second factor.
          </p>
          <ul className="space-y-3">
            {providers.map((provider) => (
              <li key={provider.id}>
                <ActionForm action={signInWithSsoAction} fields={{ provider: provider.id, next }} label={`Single sign-on: ${provider.displayName}`}>
                  Sign in with {provider.displayName}
                </ActionForm>
              </li>
            ))}
          </ul>
        </TitledSection>
      ) : null}
    </div>
  );
}
