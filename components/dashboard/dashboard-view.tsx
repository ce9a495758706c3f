import type { ActionState } from "@/lib/actions";
import Link from "next/link";
import { TitledSection } from "@/components/titled-section";
import { ORGANISATION_TYPE_LABELS } from "@/lib/access/organisation-types";
import { agreementDay } from "@/lib/access/visibility";
import { longDate } from "@/lib/agreements/lifecycle";
import { ROLE_LABELS } from "@/lib/access/roles";
import type { Viewer } from "@/lib/access/viewer";
import type { Dashboard } from "@/lib/dashboard/service";
import { AgreementsOverview } from "./agreements-overview";
import { NeedsAttention } from "./needs-attention";
import { RecentDisclosures } from "./recent-disclosures";
import { SharingProviders } from "./sharing-providers";
import { TopTasks } from "./top-tasks";

type DashboardViewProps = {
  viewer: Pick<Viewer, "displayName" | "role" | "organisation">;
  dashboard: Dashboard;
  dismissRejection: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

/** A signed-in person's home page: what they do most, what waits on them, and their recent work. */
export function DashboardView({ viewer, dashboard, dismissRejection }: DashboardViewProps) {
  const organisationWide = viewer.role === "org_manager";
  return (
    <div className="max-w-4xl space-y-10">
      <div className="space-y-2">
        <p className="text-lg text-muted">{viewer.organisation.name}</p>
        <h1 className="text-3xl font-bold sm:text-4xl">Your dashboard</h1>
      </div>

      {dashboard.chainAlert ? (
        <div role="alert" className="space-y-2 border-l-4 border-error pl-4">
          <h2 className="text-xl font-bold">The audit log&rsquo;s hash chain is broken</h2>
          <p>
            The verification of {longDate(agreementDay(dashboard.chainAlert.verifiedAt))} found: {dashboard.chainAlert.message} Audit records may have been changed or
            removed directly in the database. The auditors have been told; keep any change to the database until they have looked.
          </p>
        </div>
      ) : null}

      <TopTasks tasks={dashboard.tasks} />

      <NeedsAttention
        drafts={dashboard.drafts}
        corrections={dashboard.corrections}
        awaitingSignature={dashboard.awaitingSignature}
        draftAgreements={dashboard.draftAgreements}
        reminders={dashboard.reminders}
        lockedAccounts={dashboard.lockedAccounts}
        rejectedUploads={dashboard.rejectedUploads}
        usersByOrganisation={viewer.role === "admin"}
        dismissRejection={dismissRejection}
      />

      {dashboard.recentDisclosures ? (
        <RecentDisclosures
          disclosures={dashboard.recentDisclosures}
          title={organisationWide ? `Latest disclosures of ${viewer.organisation.name}` : "Your latest disclosures"}
        />
      ) : null}

      {dashboard.sharingProviders ? <SharingProviders providers={dashboard.sharingProviders} organisationName={viewer.organisation.name} /> : null}

      {dashboard.agreements ? (
        <AgreementsOverview
          agreements={dashboard.agreements}
          title={viewer.role === "admin" || viewer.role === "auditor" ? "Data-sharing agreements" : `Agreements ${viewer.organisation.name} is party to`}
        />
      ) : null}

      <TitledSection id="your-account" title="Your account" className="space-y-3">
        <p>
          You are signed in as {viewer.displayName} for {viewer.organisation.name} ({ORGANISATION_TYPE_LABELS[viewer.organisation.type]}), with the{" "}
          {ROLE_LABELS[viewer.role]} role.
        </p>
        <p>
          <Link href="/account">Manage your password, authenticator and sign-ins</Link>
        </p>
      </TitledSection>
    </div>
  );
}
