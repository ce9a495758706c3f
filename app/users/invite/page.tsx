import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InviteForm } from "@/components/invitations/invite-form";
import { requireViewer } from "@/lib/auth/viewer";
import { Forbidden, NotFound } from "@/lib/errors";
import { getInviteForm, type InviteForm as InviteFormOptions } from "@/lib/invitations/service";
import { inviteAction } from "./actions";

export const metadata: Metadata = { title: "Invite someone" };

export default async function InvitePage() {
  const viewer = await requireViewer("/users/invite");
  let options: InviteFormOptions;
  try {
    options = await getInviteForm(viewer);
  } catch (error) {
    // Only partner leads and administrators invite; to anyone else this page does not exist.
    if (error instanceof Forbidden || error instanceof NotFound) notFound();
    throw error;
  }
  const { fixedOrganisation } = options;
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href="/users">Back to users</Link>
      </p>
      <h1 className="text-3xl font-bold">
        {fixedOrganisation ? (
          <>
            Invite someone to <span className="whitespace-nowrap">{fixedOrganisation.name}</span>
          </>
        ) : (
          "Invite someone"
        )}
      </h1>
      <p>
        {options.emailConfigured
          ? "They will get an e-mail with a link to accept."
          : "You will get a link to send them yourself."}{" "}
        The link works once and expires after 72 hours. They choose a password and set up an authenticator app when they
        first sign in.
      </p>
      {fixedOrganisation ? null : (
        <p>
          Administrators do not see individual records, so to a partner organisation you can invite only its first partner
          lead. Its partner lead invites everyone else.
        </p>
      )}
      <InviteForm
        action={inviteAction}
        organisations={fixedOrganisation ? [] : options.organisations}
        fixedOrganisation={fixedOrganisation}
        roles={options.roles}
      />
    </div>
  );
}
