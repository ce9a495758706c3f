import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { SelectActionForm } from "@/components/form/select-action-form";
import { can } from "@/lib/access/permissions";
import { ROLE_LABELS, ROLES, isNationalRole } from "@/lib/access/roles";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { listOrganisations } from "@/lib/organisations/service";
import { listMembers } from "@/lib/users/service";
import { changeRoleAction, endSessionsAction, setUserStatusAction, unlockSecondFactorAction } from "./actions";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePagePermission("users.read_org", "/users");
  const admin = can(viewer.role, "users.manage");
  const requested = (await searchParams).org;
  const orgId = admin && typeof requested === "string" ? requested : viewer.organisation.id;
  const members = await orNotFound(listMembers(viewer, orgId));
  const organisations = admin ? await listOrganisations(viewer) : [];
  const organisationName = organisations.find((organisation) => organisation.id === orgId)?.name ?? viewer.organisation.name;
  const roleOptions = ROLES.filter((role) => admin || !isNationalRole(role)).map((role) => ({ value: role, label: ROLE_LABELS[role] }));

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Users of {organisationName}</h1>
      {admin ? (
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Choose an organisation">
          <div>
            <label htmlFor="org" className="block font-bold">
              Organisation
            </label>
            <select id="org" name="org" defaultValue={orgId} className="border-2 border-ink bg-white px-2 py-1">
              {organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="bg-panel px-3 py-1 font-bold hover:bg-rule focus:bg-focus focus:outline-3 focus:outline-focus">
            Show users
          </button>
        </form>
      ) : null}
      {can(viewer.role, "users.invite_org") ? (
        <p>
          <Link href="/users/invite" className="font-bold">
            Invite someone
          </Link>
        </p>
      ) : null}
      <DataTable
        caption="Users and their roles"
        columns={["Name", "Status", "Role", "Sessions"]}
        empty={
          <p>
            <span className="font-bold">{organisationName} has no users yet.</span>
            {can(viewer.role, "users.invite_org") ? " Invite its partner lead to get it started." : null}
          </p>
        }
      >
        {members.map((member) => {
          const self = member.userId === viewer.userId;
          const locked = !admin && isNationalRole(member.role);
          const fields = { userId: member.userId, orgId: member.organisation.id };
          return (
            <tr key={member.userId} className="border-b border-rule align-top">
              <td className="py-2 pr-4">
                <span className="font-bold">{member.displayName}</span>
                <br />
                {member.email}
                {member.mfaEnrolled ? null : <span className="block text-muted">Authenticator not set up yet</span>}
                {member.mfaLocked ? (
                  <>
                    <strong className="block">Locked after too many wrong codes</strong>
                    <ActionForm action={unlockSecondFactorAction} fields={fields} label={`Unlock the sign-in of ${member.displayName}`} variant="secondary">
                      Unlock sign-in<span className="sr-only"> of {member.displayName}</span>
                    </ActionForm>
                  </>
                ) : null}
              </td>
              <td className="py-2 pr-4">
                {member.status === "active" ? "Active" : <strong>Suspended</strong>}
                {admin && !self ? (
                  <ActionForm
                    action={setUserStatusAction}
                    fields={{ userId: member.userId, status: member.status === "active" ? "suspended" : "active" }}
                    label={`${member.status === "active" ? "Suspend" : "Reactivate"} ${member.displayName}`}
                    variant={member.status === "active" ? "warning" : "secondary"}
                  >
                    {member.status === "active" ? "Suspend" : "Reactivate"}
                    <span className="sr-only"> {member.displayName}</span>
                  </ActionForm>
                ) : null}
              </td>
              <td className="py-2 pr-4">
                {self || locked ? (
                  ROLE_LABELS[member.role]
                ) : (
                  <SelectActionForm
                    action={changeRoleAction}
                    label={`Role of ${member.displayName}`}
                    name="role"
                    options={roleOptions}
                    defaultValue={member.role}
                    fields={fields}
                    submitLabel="Change role"
                  />
                )}
              </td>
              <td className="py-2">
                {member.liveSessions}
                {member.liveSessions > 0 && !self ? (
                  <ActionForm action={endSessionsAction} fields={fields} label={`End the sessions of ${member.displayName}`}>
                    End sessions<span className="sr-only"> of {member.displayName}</span>
                  </ActionForm>
                ) : null}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
