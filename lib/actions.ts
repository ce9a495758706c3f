import "server-only";
import { unstable_rethrow } from "next/navigation";
import { type z } from "zod";
import { withoutQueryParameters } from "@/db/errors";
import { authorise } from "@/lib/access/authorise";
import type { Permission } from "@/lib/access/permissions";
import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError, Forbidden, Invalid } from "@/lib/errors";
import { requestIsSameOrigin } from "@/lib/http/request";
import { log, newReference } from "@/lib/log";

/** What a form's server action hands back to `useActionState`. */
export type ActionState<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      fieldErrors: Record<string, string>;
      /** What the person typed, so nothing is lost when the form comes back with errors. */
      values: Record<string, string>;
      /** Every value sent under each name, in order: a checkbox group sends its name once per box ticked. */
      lists: Record<string, string[]>;
    }
  | null;

type Options<S extends z.ZodType, T, P extends Permission | null> = {
  schema: S;
  /** The permission asked of the viewer; `null` for actions open before sign-in (signing in itself). */
  permission: P;
  run: (input: z.infer<S>, viewer: P extends Permission ? Viewer : Viewer | null) => Promise<T>;
  /** Fields never echoed back, such as passwords and codes. */
  secretFields?: readonly string[];
};

/**
 * Every server action goes through here: refuse cross-origin posts, parse the input with its
 * schema, resolve the viewer, check the permission, run the service, and turn failures into
 * messages a person can act on. Unexpected errors are logged with a reference, never shown.
 */
export function formAction<S extends z.ZodType, T = undefined, P extends Permission | null = Permission | null>(
  options: Options<S, T, P>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const echoed = echoableValues(formData, options.secretFields ?? []);
    try {
      if (!(await requestIsSameOrigin())) throw new Forbidden("This form was sent from another site, so it was refused.");
      const viewer = options.permission === null ? await getViewer() : await authorise(await getViewer(), options.permission);
      const parsed = options.schema.safeParse(formObject(formData));
      if (!parsed.success) throw invalidFrom(parsed.error);
      return { ok: true, data: await options.run(parsed.data, viewer as Viewer) };
    } catch (error) {
      unstable_rethrow(error);
      return { ok: false, ...echoed, ...describe(error) };
    }
  };
}

function invalidFrom(error: z.ZodError): Invalid {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    fieldErrors[key] ??= issue.message;
  }
  return new Invalid("There is a problem with what you entered.", fieldErrors);
}

function describe(error: unknown): { error: string; fieldErrors: Record<string, string> } {
  if (error instanceof Invalid) return { error: error.message, fieldErrors: { ...error.fieldErrors } };
  if (error instanceof AppError) return { error: error.message, fieldErrors: {} };
  const reference = newReference();
  log.error({ reference, err: withoutQueryParameters(error) }, "Unexpected error in a form action");
  return { error: `Something went wrong (ref ${reference}). Try again, or quote the reference to support.`, fieldErrors: {} };
}

/** Form fields as an object; a name sent more than once (a multiple choice) becomes an array. A file field gives its File. */
function formObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((value) => typeof value === "string" || value instanceof File);
    object[key] = values.length > 1 ? values : values[0];
  }
  return object;
}

/** What the form sent, secrets left out: the last value of each name, and every value of each name. */
function echoableValues(formData: FormData, secretFields: readonly string[]): { values: Record<string, string>; lists: Record<string, string[]> } {
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string" || key.startsWith("$ACTION") || secretFields.includes(key)) continue;
    values[key] = value;
    (lists[key] ??= []).push(value);
  }
  return { values, lists };
}
