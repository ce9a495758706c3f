import Link from "next/link";
import { TitledSection } from "@/components/titled-section";
import { agreementDay } from "@/lib/access/visibility";
import { longDate } from "@/lib/agreements/lifecycle";
import type { ActionState } from "@/lib/actions";
import type { Dashboard } from "@/lib/dashboard/service";
import { formatMonth } from "@/lib/taxonomy";
import { DismissRejectionForm } from "./dismiss-rejection-form";
import { Subsection } from "./subsection";

type NeedsAttentionProps = Pick<Dashboard, "drafts" | "corrections" | "awaitingSignature" | "draftAgreements" | "reminders" | "lockedAccounts" | "rejectedUploads"> & {
  /** Whether the viewer picks the organisation on the users page (administrators), so a link names it. */
  usersByOrganisation: boolean;
  /** The server action that dismisses a refused upload. */
  dismissRejection: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

/** What is waiting on the viewer: drafts, corrections, refused uploads, signatures, agreement dates, locked accounts; or a plain "nothing". */
export function NeedsAttention({ drafts, corrections, awaitingSignature, draftAgreements, reminders, lockedAccounts, rejectedUploads, usersByOrganisation, dismissRejection }: NeedsAttentionProps) {
  const signing = awaitingSignature ?? [];
  const unsent = draftAgreements ?? [];
  const locked = lockedAccounts ?? [];
  const correcting = corrections ?? [];
  const rejected = rejectedUploads ?? [];
  const nothing = !drafts && correcting.length === 0 && rejected.length === 0 && signing.length === 0 && unsent.length === 0 && reminders.length === 0 && locked.length === 0;
  return (
    <TitledSection id="needs-attention" title="Needs your attention" className="space-y-6 border-l-4 border-focus pl-4">
      {nothing ? <p>Nothing needs your attention today.</p> : null}
      {drafts ? (
        <Subsection id="your-drafts" title="Your drafts">
          <p>
            <Link href="/disclosures?status=draft">
              {drafts === 1 ? "1 draft disclosure is" : `${drafts.toLocaleString("en-GB")} draft disclosures are`} not submitted yet
            </Link>
            . Drafts do not count until they are submitted, and only you can see them.
          </p>
        </Subsection>
      ) : null}
      {correcting.length > 0 ? (
        <Subsection id="your-corrections" title="Corrections not yet submitted">
          <ul className="list-disc space-y-1 pl-6">
            {correcting.map((correction) => (
              <li key={correction.correctsId}>
                <Link href={`/disclosures/${correction.correctsId}/correct`}>
                  Continue correcting the disclosure{correction.disclosureMonth ? ` of ${formatMonth(correction.disclosureMonth)}` : ""}
                </Link>
                . Until it is submitted, the version it corrects still counts.
              </li>
            ))}
          </ul>
        </Subsection>
      ) : null}
      {rejected.length > 0 ? (
        <Subsection id="rejected-uploads" title="Uploads that were rejected">
          <p>Nothing from these files was saved. Fix the rows in the error report, then upload the file again.</p>
          <ul className="list-disc space-y-3 pl-6">
            {rejected.map((upload) => (
              <li key={upload.id} className="space-y-1">
                <p>
                  {upload.fileName} ({upload.kindName}), uploaded {longDate(agreementDay(upload.createdAt))}: {upload.message}{" "}
                  {upload.errorCount === 1 ? "1 error" : `${upload.errorCount.toLocaleString("en-GB")} errors`}.
                </p>
                <p>
                  <a href={`/uploads/rejected/${upload.id}/errors`} download>
                    Download the error report for {upload.fileName} (CSV)
                  </a>
                </p>
                <DismissRejectionForm action={dismissRejection} id={upload.id} fileName={upload.fileName} />
              </li>
            ))}
          </ul>
        </Subsection>
      ) : null}
      {signing.length > 0 ? (
        <Subsection id="awaiting-signature" title="Agreements waiting for your signature">
          <ul className="list-disc space-y-1 pl-6">
            {signing.map((agreement) => (
              <li key={agreement.id}>
                <Link href={`/agreements/${agreement.id}/sign`}>
                  Read and sign {agreement.reference}: {agreement.title}
                </Link>
              </li>
            ))}
          </ul>
        </Subsection>
      ) : null}
      {unsent.length > 0 ? (
        <Subsection id="draft-agreements" title="Draft agreements not yet sent for signature">
          <ul className="list-disc space-y-1 pl-6">
            {unsent.map((agreement) => (
              <li key={agreement.id}>
                <Link href={`/agreements/${agreement.id}`}>
                  {agreement.reference}: {agreement.title}
                </Link>
              </li>
            ))}
          </ul>
        </Subsection>
      ) : null}
      {reminders.length > 0 ? (
        <Subsection id="agreement-dates" title="Agreement dates in the next 30 days">
          <ul className="list-disc space-y-1 pl-6">
            {reminders.map((reminder) => (
              <li key={`${reminder.agreementId}-${reminder.kind}`}>
                <Link href={`/agreements/${reminder.agreementId}`}>
                  {reminder.reference}: {reminder.title}
                </Link>{" "}
                {reminder.kind === "review" ? "is due for review on" : "ends on"} {longDate(reminder.date)}.
              </li>
            ))}
          </ul>
        </Subsection>
      ) : null}
      {locked.length > 0 ? (
        <Subsection id="locked-accounts" title="Sign-ins locked after too many wrong codes">
          <ul className="list-disc space-y-1 pl-6">
            {locked.map((member) => (
              <li key={`${member.organisation.id}-${member.userId}`}>
                <Link href={usersByOrganisation ? `/users?org=${member.organisation.id}` : "/users"}>
                  {member.displayName}
                  {usersByOrganisation ? `, ${member.organisation.name}` : null}
                </Link>{" "}
                cannot sign in until the lock is lifted on the users page.
              </li>
            ))}
          </ul>
        </Subsection>
      ) : null}
    </TitledSection>
  );
}
