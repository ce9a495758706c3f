import { agreementDay } from "@/lib/access/visibility";
import { Conflict } from "@/lib/errors";

/**
 * The agreement lifecycle (docs/access.md#data-sharing-agreements) as pure rules: which action
 * each state allows and what it leads to. The service asks here before it writes; the database
 * re-checks what it can (frozen terms, completion, expiry).
 */

export type AgreementStatus = "draft" | "awaiting_signatures" | "active" | "suspended" | "expired" | "terminated";
export type VersionStatus = "draft" | "awaiting_signatures" | "signed" | "superseded" | "withdrawn";

export type LifecycleAction =
  | "edit"
  | "delete"
  | "send_for_signature"
  | "withdraw_from_signature"
  | "sign"
  | "complete"
  | "amend"
  | "suspend"
  | "reinstate"
  | "terminate"
  | "expire";

/** The agreement and the version an action is about (the latest one, for amend/suspend/…). */
export type LifecycleState = { agreement: AgreementStatus; version: VersionStatus | null };

export type Transition = { agreement: AgreementStatus; version?: VersionStatus };

const STATUS_WORDS: Record<AgreementStatus, string> = {
  draft: "a draft",
  awaiting_signatures: "awaiting signatures",
  active: "active",
  suspended: "suspended",
  expired: "expired",
  terminated: "terminated",
};

const VERSION_WORDS: Record<VersionStatus, string> = {
  draft: "a draft",
  awaiting_signatures: "awaiting signatures",
  signed: "signed",
  superseded: "superseded",
  withdrawn: "withdrawn",
};

const IN_FORCE: readonly AgreementStatus[] = ["active", "suspended"];

/**
 * What `action` does to an agreement in `state`, or a Conflict saying why it cannot be done.
 * `version` is the version the action is about: the one being edited, sent, signed or withdrawn,
 * or for amend/suspend/reinstate/terminate the agreement's latest version.
 */
export function transition(action: LifecycleAction, { agreement, version }: LifecycleState): Transition {
  const refuse = (message: string): never => {
    throw new Conflict(message);
  };
  const needVersion = (status: VersionStatus, message: string) => {
    if (version !== status) refuse(`${message} This version is ${version ? VERSION_WORDS[version] : "missing"}.`);
  };
  switch (action) {
    case "edit":
    case "delete":
      needVersion("draft", action === "edit" ? "Only a draft version can be changed." : "Only a draft version can be deleted.");
      if (agreement === "expired" || agreement === "terminated") refuse(`The agreement is ${STATUS_WORDS[agreement]}, so its drafts cannot change.`);
      return { agreement };
    case "send_for_signature":
      needVersion("draft", "Only a draft can be sent for signature.");
      if (agreement === "draft") return { agreement: "awaiting_signatures", version: "awaiting_signatures" };
      if (IN_FORCE.includes(agreement)) return { agreement, version: "awaiting_signatures" };
      return refuse(`The agreement is ${STATUS_WORDS[agreement]}, so it cannot be sent for signature.`);
    case "withdraw_from_signature":
      needVersion("awaiting_signatures", "Only a version awaiting signatures can be withdrawn from signature.");
      if (agreement === "awaiting_signatures") return { agreement: "draft", version: "withdrawn" };
      if (IN_FORCE.includes(agreement)) return { agreement, version: "withdrawn" };
      return refuse(`The agreement is ${STATUS_WORDS[agreement]}, so nothing can be withdrawn from signature.`);
    case "sign":
      needVersion("awaiting_signatures", "Only a version awaiting signatures can be signed.");
      if (agreement === "awaiting_signatures" || IN_FORCE.includes(agreement)) return { agreement };
      return refuse(`The agreement is ${STATUS_WORDS[agreement]}, so it cannot be signed.`);
    case "complete":
      needVersion("awaiting_signatures", "Only a version awaiting signatures can take effect.");
      if (agreement === "awaiting_signatures" || agreement === "active") return { agreement: "active", version: "signed" };
      if (agreement === "suspended") return { agreement: "suspended", version: "signed" };
      return refuse(`The agreement is ${STATUS_WORDS[agreement]} and cannot take new terms.`);
    case "amend":
      if (!IN_FORCE.includes(agreement)) return refuse(`Only an active or suspended agreement can be amended. This one is ${STATUS_WORDS[agreement]}.`);
      if (version === "draft" || version === "awaiting_signatures") {
        return refuse(`An amendment is already ${VERSION_WORDS[version]}: finish or withdraw it first.`);
      }
      return { agreement, version: "draft" };
    case "suspend":
      if (agreement !== "active") return refuse(`Only an active agreement can be suspended. This one is ${STATUS_WORDS[agreement]}.`);
      return { agreement: "suspended" };
    case "reinstate":
      if (agreement !== "suspended") return refuse(`Only a suspended agreement can be reinstated. This one is ${STATUS_WORDS[agreement]}.`);
      return { agreement: "active" };
    case "terminate":
      if (agreement === "awaiting_signatures" || IN_FORCE.includes(agreement)) return { agreement: "terminated" };
      return refuse(`Only an agreement awaiting signatures, active or suspended can be terminated. This one is ${STATUS_WORDS[agreement]}.`);
    case "expire":
      if (IN_FORCE.includes(agreement)) return { agreement: "expired" };
      return refuse(`Only an active or suspended agreement can expire. This one is ${STATUS_WORDS[agreement]}.`);
  }
}

/** Whether `action` is allowed in `state`: for showing only the buttons that will work. */
export function allows(action: LifecycleAction, state: LifecycleState): boolean {
  try {
    transition(action, state);
    return true;
  } catch (error) {
    if (error instanceof Conflict) return false;
    throw error;
  }
}

export type DisplayedAgreement = { status: AgreementStatus; terminatedAt?: Date | null; expiredAt?: Date | null };
export type DisplayedVersion = { startDate: string; endDate: string } | null;

/**
 * The state a person reads: the recorded status, with the dates of the version in force read
 * against `today` (a UK calendar day, YYYY-MM-DD), since access follows the dates at once. An
 * amendment under way (the latest version, when it is not the one in force) is named too.
 */
export function displayState(agreement: DisplayedAgreement, current: DisplayedVersion, today: string, amendment?: { version: number; status: VersionStatus }): string {
  const state = baseState(agreement, current, today);
  if (amendment && (agreement.status === "active" || agreement.status === "suspended")) {
    if (amendment.status === "awaiting_signatures") return `${state} (version ${amendment.version} awaiting signatures)`;
    if (amendment.status === "draft") return `${state} (version ${amendment.version} being drafted)`;
  }
  return state;
}

function baseState(agreement: DisplayedAgreement, current: DisplayedVersion, today: string): string {
  switch (agreement.status) {
    case "draft":
      return "Draft";
    case "awaiting_signatures":
      return "Awaiting signatures";
    case "terminated":
      return agreement.terminatedAt ? `Terminated on ${longDate(agreementDay(agreement.terminatedAt))}` : "Terminated";
    case "expired":
      return current ? `Expired on ${longDate(current.endDate)}` : "Expired";
    case "active":
    case "suspended": {
      const suspended = agreement.status === "suspended" ? "Suspended" : null;
      if (current && today < current.startDate) return `${suspended ? "Suspended — signed" : "Signed"} — in force from ${longDate(current.startDate)}`;
      if (current && today >= current.endDate) return `Ended on ${longDate(current.endDate)} (awaiting expiry)`;
      return suspended ?? "Active";
    }
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2027-03-01" as "1 March 2027". */
export function longDate(isoDay: string): string {
  const [year, month, day] = isoDay.split("-").map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}
