/**
 * Everything the audit log records, as `subject.past_tense`: what happened, not the command
 * that asked for it. The outcome column says whether it succeeded, failed or was refused; a
 * refused permission is always `access.denied`, with the permission in the details.
 */
export const AUDIT_ACTIONS = [
  "access.denied",
  "session.signed_in",
  "session.signed_out",
  "session.ended",
  "session.organisation_switched",
  "sign_in.password_verified",
  "sign_in.failed",
  "mfa.enrolled",
  "mfa.reauthentication_failed",
  "mfa.locked",
  "mfa.unlocked",
  "password.changed",
  "user.created",
  "user.suspended",
  "user.reactivated",
  "user.sessions_ended",
  "membership.created",
  "membership.role_changed",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  "organisation.created",
  "organisation.updated",
  "organisation.suspended",
  "organisation.reinstated",
  "identity_provider.created",
  "identity_provider.updated",
  "identity_provider.enabled",
  "identity_provider.disabled",
  "api_token.created",
  "api_token.revoked",
  "disclosure.draft_saved",
  "disclosure.submitted",
  "disclosure.corrected",
  "disclosure.withdrawn",
  "disclosure.bulk_uploaded",
  "recorded_crime.uploaded",
  "upload.rejected",
  "rejected_upload.dismissed",
  "shared_disclosure.viewed",
  "shared_disclosures.exported",
  "insight.viewed",
  "stra_pack.exported",
  "admin.bootstrapped",
  "agreement.reminder_sent",
  "retention.purged",
  "agreement.drafted",
  "agreement.draft_updated",
  "agreement.draft_deleted",
  "agreement.sent_for_signature",
  "agreement.withdrawn_from_signature",
  "agreement.signed",
  "agreement.version_in_force",
  "agreement.amended",
  "agreement.suspended",
  "agreement.reinstated",
  "agreement.terminated",
  "agreement.expired",
  "shared_disclosures.listed",
  "audit.verified",
  "audit.chain_broken",
  "audit_log.exported",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;

export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What an event is about, when it is about one thing: a user, an organisation, a disclosure… */
export type AuditSubject = { type: "user" | "organisation" | "invitation" | "identity_provider" | "api_token" | "disclosure" | "agreement"; id: string };

export type AuditEvent = {
  action: AuditAction;
  outcome: AuditOutcome;
  actorUserId: string | null;
  actorOrgId: string | null;
  subjectType?: AuditSubject["type"];
  subjectId?: string;
  ipAddress: string | null;
  /** The request it came from; when absent, the writer takes the id of the request being served, if any. */
  requestId?: string | null;
  /** Never disclosure text, passwords, codes, tokens or session ids. */
  details: Record<string, unknown>;
};

/**
 * Who acted: a viewer, or whoever is signing in (a user, perhaps not yet known, and the
 * organisation they act for once there is one).
 */
export type AuditActor = { userId: string | null; organisation?: { id: string } | null } | null;

export type AuditFacts = {
  outcome?: AuditOutcome;
  subject?: AuditSubject | undefined;
  /** The request the event came from, for its address; absent for work no request asked for. */
  client?: { ipAddress: string; requestId?: string | null } | null | undefined;
  details?: Record<string, unknown>;
};

/** One audit event: the actor, what happened, to what, from where, and the facts worth keeping. */
export function auditEvent(actor: AuditActor, action: AuditAction, facts: AuditFacts = {}): AuditEvent {
  return {
    action,
    outcome: facts.outcome ?? "success",
    actorUserId: actor?.userId ?? null,
    actorOrgId: actor?.organisation?.id ?? null,
    ...(facts.subject ? { subjectType: facts.subject.type, subjectId: facts.subject.id } : {}),
    ipAddress: facts.client?.ipAddress ?? null,
    ...(facts.client?.requestId ? { requestId: facts.client.requestId } : {}),
    details: facts.details ?? {},
  };
}
