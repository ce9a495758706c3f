import type { Metadata } from "next";
import { PasswordChangeForm } from "@/components/account/password-form";
import { ReauthenticateForm } from "@/components/account/reauthenticate-form";
import { ActionForm } from "@/components/form/action-form";
import { SelectActionForm } from "@/components/form/select-action-form";
import { ROLE_LABELS } from "@/lib/access/roles";
import { listMyOrganisations } from "@/lib/organisations/service";
import { listMySessions } from "@/lib/auth/account";
import { requirePagePermission } from "@/lib/pages";
import {
  changePasswordAction,
  endSessionAction,
  reauthenticateForAuthenticatorAction,
  signOutEverywhereAction,
  switchOrganisationAction,
} from "./actions";
import { TitledSection } from "@/components/titled-section";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Your account" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePagePermission("account.manage_own", "/account");
  const sessions = await listMySessions(viewer);
  const memberships = await listMyOrganisations(viewer);
  const params = await searchParams;
  const ended = Boolean(params.ended);
  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-3xl font-bold">Your account</h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-bold">Name</dt>
        <dd>{viewer.displayName}</dd>
        <dt className="font-bold">E-mail address</dt>
        <dd>{viewer.email}</dd>
        <dt className="font-bold">Organisation</dt>
        <dd>{viewer.organisation.name}</dd>
        <dt className="font-bold">Role</dt>
        <dd>{ROLE_LABELS[viewer.role]}</dd>
      </dl>

      {memberships.length > 1 ? (
        <TitledSection id="organisation-title" title="Organisation you act for" className="space-y-2">
          <p>You belong to more than one organisation. What you see and do depends on the one you act for.</p>
          <SelectActionForm
            action={switchOrganisationAction}
            label="Organisation you act for"
            name="orgId"
            options={memberships.map((membership) => ({ value: membership.orgId, label: `${membership.name} (${ROLE_LABELS[membership.role]})` }))}
            defaultValue={viewer.organisation.id}
            submitLabel="Switch"
          />
        </TitledSection>
      ) : null}

      <TitledSection id="authenticator-title" title="Authenticator app" className="max-w-2xl space-y-4">
        <p>
          To move to a new phone or app, set up a new authenticator. You will get new recovery codes, and the old
          ones will stop working.
        </p>
        <ReauthenticateForm action={reauthenticateForAuthenticatorAction} />
      </TitledSection>

      <TitledSection id="password-title" title="Change your password" className="max-w-2xl space-y-4">
        {params["password-changed"] ? (
          <p role="status" className="border-l-4 border-success pl-4 font-bold">
            Your password has been changed, and your other sessions have ended.
          </p>
        ) : null}
        <PasswordChangeForm action={changePasswordAction} />
      </TitledSection>

      <TitledSection id="sessions-title" title="Where you are signed in" className="space-y-4">
        {ended ? (
          <p role="status" className="border-l-4 border-success pl-4 font-bold">
            That session has ended.
          </p>
        ) : null}
        <DataTable
          caption="Your signed-in sessions"
          columns={["Signed in", "Last active", "Browser and address", <span key="action" className="sr-only">Action</span>]}
        >
          {sessions.map((session) => (
            <tr key={session.handle} className="border-b border-rule align-top">
              <td className="py-2 pr-4">{when.format(session.createdAt)}</td>
              <td className="py-2 pr-4">{when.format(session.lastSeenAt)}</td>
              <td className="py-2 pr-4 break-words">
                {session.userAgent ?? "Unknown browser"}
                <br />
                <span className="text-muted">{session.ipAddress ?? "unknown address"}</span>
              </td>
              <td className="py-2">
                {session.current ? (
                  <strong>This session</strong>
                ) : (
                  <ActionForm action={endSessionAction} fields={{ handle: session.handle }} label="End session">
                    End<span className="sr-only"> the session signed in {when.format(session.createdAt)}</span>
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        <ActionForm action={signOutEverywhereAction} label="Sign out everywhere" variant="warning">
          Sign out everywhere, including here
        </ActionForm>
      </TitledSection>
    </div>
  );
}
