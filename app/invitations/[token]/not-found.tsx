import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "This invitation cannot be used" };

/**
 * Every unusable invitation link lands here, with a 404. Row-level security shows the portal only
 * live invitations to someone not signed in, so it cannot tell used, expired and withdrawn apart.
 */
export default function InvitationNotFound() {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold">This invitation cannot be used</h1>
      <p>The link has already been used, it has expired, or it has been withdrawn. Invitation links work once, for 72 hours.</p>
      <p>
        If you have already set up your account, <Link href="/sign-in">sign in</Link>.
      </p>
      <p>Otherwise, ask the person who invited you to send a new invitation.</p>
    </div>
  );
}
