import "server-only";
import { permits } from "@/lib/access/permissions";
import type { Viewer } from "@/lib/access/viewer";
import { remindersFor, type AgreementReminder } from "@/lib/agreements/reminders";
import { listAgreements, type AgreementSummary } from "@/lib/agreements/service";
import { auditChainAlert, type ChainAlert } from "@/lib/audit-log/service";
import { listCorrectionsInProgress, listDisclosures, type CorrectionInProgress, type DisclosureSummary } from "@/lib/disclosures/service";
import { getSharedScope } from "@/lib/shared-disclosures/service";
import { listOpenRejections, type OpenRejection } from "@/lib/uploads/rejected";
import { listLockedMembers, type LockedMember } from "@/lib/users/service";
import { tasksFor, type DashboardTask } from "./tasks";

const RECENT_DISCLOSURES = 5;

/** What a signed-in person's home page shows; a panel the role has no part in is null. */
export type Dashboard = {
  /** The viewer's own drafts (a caseworker's or partner lead's). */
  drafts: number | null;
  /** The viewer's own corrections of submitted disclosures, started and not yet submitted. */
  corrections: CorrectionInProgress[] | null;
  /** Agreements waiting for the viewer's organisation to sign (partner leads). */
  awaitingSignature: AgreementSummary[] | null;
  /** Agreements still in draft, not yet sent to the parties (administrators). */
  draftAgreements: AgreementSummary[] | null;
  /** Review and end dates within 30 days (administrators and partner leads). */
  reminders: AgreementReminder[];
  /** People locked out after too many wrong codes, whom the viewer may unlock. */
  lockedAccounts: LockedMember[] | null;
  /** The latest disclosures the viewer worked on or, for a partner lead, their organisation submitted. */
  recentDisclosures: DisclosureSummary[] | null;
  /** CSV uploads refused and not yet dealt with: the uploader's own, or a partner lead's organisation's. */
  rejectedUploads: OpenRejection[] | null;
  /** The agreements the viewer can read, for an overview of where they stand. */
  agreements: AgreementSummary[] | null;
  /** The organisations whose record-level data an agreement in force shares with the viewer's (analysts). */
  sharingProviders: { id: string; name: string }[] | null;
  /** The daily verification found the audit log's hash chain broken (administrators and auditors). */
  chainAlert: ChainAlert | null;
  tasks: DashboardTask[];
};

/**
 * The viewer's dashboard, gathered through each domain's own service, so each panel holds only
 * what those services let the viewer read; a panel whose permission the viewer lacks is null.
 */
export async function getDashboard(viewer: Viewer, now = new Date()): Promise<Dashboard> {
  const may = (permission: Parameters<typeof permits>[1]) => permits(viewer, permission);

  const drafts = may("disclosures.create") ? (await listDisclosures(viewer, { status: "draft" })).total : null;
  const recentDisclosures = may("disclosures.read_own") ? (await listDisclosures(viewer)).items.slice(0, RECENT_DISCLOSURES) : null;
  const agreements = may("agreements.read") ? await listAgreements(viewer, { now }) : null;
  const reminders = await remindersFor(viewer, now);
  const sharingProviders = may("records.read") ? (await getSharedScope(viewer, now)).providers.map(({ id, name }) => ({ id, name })) : null;

  return {
    drafts,
    corrections: may("disclosures.correct") ? await listCorrectionsInProgress(viewer) : null,
    awaitingSignature: agreements && may("agreements.sign") ? agreements.filter((agreement) => agreement.awaitingYourSignature) : null,
    draftAgreements: agreements && may("agreements.manage") ? agreements.filter((agreement) => agreement.status === "draft") : null,
    reminders,
    lockedAccounts: may("users.read_org") ? await listLockedMembers(viewer) : null,
    recentDisclosures,
    rejectedUploads: viewer.role === "submitter" || viewer.role === "org_manager" ? await listOpenRejections(viewer) : null,
    agreements,
    sharingProviders,
    chainAlert: may("audit.chain_alert") ? await auditChainAlert(viewer) : null,
    tasks: tasksFor(viewer.role, viewer.organisation.type),
  };
}
