import type { Metadata } from "next";
import { ActionForm } from "@/components/form/action-form";
import { listMySessions } from "@/lib/auth/account";
import { requireViewer } from "@/lib/auth/viewer";
import { endSessionAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer("/account");
  const sessions = await listMySessions(viewer);
  const ended = Boolean((await searchParams).ended);
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
      </dl>

      <section aria-labelledby="sessions-title" className="space-y-4">
        <h2 id="sessions-title" className="text-2xl font-bold">
          Where you are signed in
        </h2>
        {ended ? (
          <p role="status" className="border-l-4 border-success pl-4 font-bold">
            That session has ended.
          </p>
        ) : null}
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Your signed-in sessions</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-2 pr-4">Signed in</th>
              <th scope="col" className="py-2 pr-4">Last active</th>
              <th scope="col" className="py-2 pr-4">Browser and address</th>
              <th scope="col" className="py-2">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
        <ActionForm action={signOutEverywhereAction} label="Sign out everywhere" variant="warning">
          Sign out everywhere, including here
        </ActionForm>
      </section>
    </div>
  );
}
