import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JoinForm } from "@/components/invitations/join-form";
import { NewAccountForm } from "@/components/invitations/new-account-form";
import { getViewer } from "@/lib/auth/viewer";
import { InvitationUnavailable } from "@/lib/invitations/errors";
import { getInvitationPage, type InvitationPage as Invitation } from "@/lib/invitations/service";
import { createAccountAction, joinAction } from "./actions";

export const metadata: Metadata = { title: "Accept your invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let invitation: Invitation;
  try {
    invitation = await getInvitationPage(await getViewer(), token);
  } catch (error) {
    // Used, expired, withdrawn or unknown: ./not-found.tsx explains, with a 404.
    if (error instanceof InvitationUnavailable) notFound();
    throw error;
  }
  const { email, organisationName, roleLabel, expires } = invitation;
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Join {organisationName}</h1>
      <p>
        You have been invited to join {organisationName} on the VAWG partner data-sharing portal as{" "}
        {roleLabel.toLowerCase()}, with the e-mail address <strong className="break-all">{email}</strong>. The invitation
        works once, until {expires}.
      </p>
      {invitation.step === "create_account" ? (
        <>
          <p>
            Choose your name and a password. The first time you sign in, you will set up an authenticator app on your phone
            as well.
          </p>
          <NewAccountForm action={createAccountAction} token={token} email={email} />
        </>
      ) : null}
      {invitation.step === "sign_in" ? (
        <>
          <p>There is already an account for this e-mail address. Sign in with it to accept the invitation.</p>
          <p>
            <Link href={`/sign-in?next=${encodeURIComponent(`/invitations/${token}`)}`} className="font-bold">
              Sign in to accept
            </Link>
          </p>
        </>
      ) : null}
      {invitation.step === "join" ? <JoinForm action={joinAction} token={token} organisationName={organisationName} /> : null}
      {invitation.step === "wrong_account" ? (
        <p className="border-l-4 border-ink pl-4">
          You are signed in as <strong className="break-all">{invitation.viewerEmail}</strong>, but this invitation is for{" "}
          <strong className="break-all">{email}</strong>. Sign out, then open the link again.
        </p>
      ) : null}
      {invitation.step === "organisation_suspended" ? (
        <p className="border-l-4 border-ink pl-4">
          {organisationName} is suspended, so nobody can join it at the moment. Ask the person who invited you what to do.
        </p>
      ) : null}
    </div>
  );
}
