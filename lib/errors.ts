/**
 * The only errors whose messages a person sees. Anything else is logged with a reference id and
 * shown as "Something went wrong (ref …)".
 */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Not there, or not the viewer's to know about: another organisation's object is "not found". */
export class NotFound extends AppError {
  override name = "NotFound";
  constructor(message = "Not found.") {
    super(message, 404);
  }
}

export class Unauthenticated extends AppError {
  override name = "Unauthenticated";
  constructor(message = "Sign in to continue.") {
    super(message, 401);
  }
}

export class Forbidden extends AppError {
  override name = "Forbidden";
  constructor(message = "You do not have permission to do that.") {
    super(message, 403);
  }
}

export class Conflict extends AppError {
  override name = "Conflict";
  constructor(message: string) {
    super(message, 409);
  }
}

/** Bad input: a message for the form, and one per field keyed by the field's name. */
export class Invalid extends AppError {
  override name = "Invalid";
  constructor(
    message: string,
    readonly fieldErrors: Readonly<Record<string, string>> = {},
  ) {
    super(message, 400);
  }
}

export class RateLimited extends AppError {
  override name = "RateLimited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}
