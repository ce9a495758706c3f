"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { finishSignIn, signOutViewer, startSignIn } from "@/lib/auth/flow";
import { safeReturnPath } from "@/lib/http/return-path";

const passwordSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your e-mail address")
    .max(320, "Enter an e-mail address in the correct format, like name@example.org")
    .pipe(z.email("Enter an e-mail address in the correct format, like name@example.org")),
  password: z.string().min(1, "Enter your password").max(1024, "Enter your password"),
  next: z.string().optional(),
});

export const signInWithPassword = formAction({
  schema: passwordSchema,
  permission: null,
  secretFields: ["password"],
  run: async (input): Promise<undefined> => {
    const step = await startSignIn(input);
    const next = encodeURIComponent(safeReturnPath(input.next));
    redirect(step === "enrol" ? `/sign-in/enrol?next=${next}` : `/sign-in/verify?next=${next}`);
  },
});

const codeSchema = z.object({
  code: z.string().trim().min(1, "Enter the code from your authenticator app").max(64, "Enter the code from your authenticator app"),
  next: z.string().optional(),
});

export const signInWithCode = formAction({
  schema: codeSchema,
  permission: null,
  secretFields: ["code"],
  run: async (input) => {
    const { recoveryCodes } = await finishSignIn(input.code);
    if (recoveryCodes.length === 0) redirect(safeReturnPath(input.next));
    return { recoveryCodes };
  },
});

export const signOutAction = formAction({
  schema: z.object({}),
  permission: null,
  run: async (_input, viewer): Promise<undefined> => {
    if (viewer) await signOutViewer(viewer);
    redirect("/sign-in?signed-out=1");
  },
});
