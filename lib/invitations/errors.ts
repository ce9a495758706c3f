import { AppError } from "@/lib/errors";

/** Used, expired, withdrawn or never issued: the link cannot be used, and nobody learns which. */
export class InvitationUnavailable extends AppError {
  override name = "InvitationUnavailable";
  constructor() {
    super(
      "This invitation link cannot be used. It has already been used, it has expired, or it has been withdrawn. If you have already set up your account, sign in. Otherwise ask the person who invited you to send a new invitation.",
      410,
    );
  }
}

/** Someone accepted the invitation first (the same link, used twice or at once). */
export class InvitationAlreadyUsed extends AppError {
  override name = "InvitationAlreadyUsed";
  constructor() {
    super("This invitation has already been used. If it was you who accepted it, sign in.", 409);
  }
}

/** The invitation was made, but its e-mail could not be sent; it has been withdrawn again. */
export class InvitationNotDelivered extends AppError {
  override name = "InvitationNotDelivered";
  constructor() {
    super(
      "The invitation e-mail could not be sent, so the invitation has been withdrawn. Try again in a few minutes. If it keeps failing, tell the portal's administrators.",
      502,
    );
  }
}

/** The form's summary message when a field is wrong. */
export const PROBLEM = "There is a problem with what you entered.";

// Why a request was refused, for the audit log; errors without a reason (bad input) are not audited.
const reasons = new WeakMap<Error, string>();

/** Marks `error` as a refusal the audit log records, with its reason. */
export function refused<E extends AppError>(error: E, reason: string): E {
  reasons.set(error, reason);
  return error;
}

/** The reason `refused` gave the error, if any. */
export function refusalReason(error: unknown): string | undefined {
  return error instanceof Error ? reasons.get(error) : undefined;
}
