import Link from "next/link";
import { ROLE_LABELS } from "@/lib/access/roles";
import type { Viewer } from "@/lib/auth/viewer";
import { navigationFor } from "@/lib/navigation";
import { ORGANISATION_TYPE_LABELS } from "@/lib/access/organisation-types";
import type { ActionState } from "@/lib/actions";
import { ActionForm } from "./form/action-form";
import { PrimaryNav } from "./primary-nav";

type SiteHeaderProps = {
  viewer: Viewer | null;
  signOut: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

export function SiteHeader({ viewer, signOut }: SiteHeaderProps) {
  return (
    <header>
      <div className="bg-brand text-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-8 gap-y-2 px-4 py-4 sm:px-6">
          <Link
            href="/"
            className="text-xl font-bold text-white no-underline visited:text-white hover:text-white hover:underline focus-visible:text-ink sm:text-2xl"
          >
            VAWG partner data-sharing portal
          </Link>
          {viewer ? (
            <div className="text-base">
              <p>
                Signed in as <span className="font-bold">{viewer.displayName}</span>
              </p>
              <p>
                {viewer.organisation.name}
                <span className="sr-only"> ({ORGANISATION_TYPE_LABELS[viewer.organisation.type]})</span>
                {" — "}
                {ROLE_LABELS[viewer.role]}
              </p>
              <div className="mt-1 flex items-center gap-4">
                <Link href="/account" className="text-white visited:text-white hover:text-white focus-visible:text-ink">
                  Your account
                </Link>
                <ActionForm action={signOut} label="Sign out">
                  Sign out
                </ActionForm>
              </div>
            </div>
          ) : (
            <Link href="/sign-in" className="font-bold text-white visited:text-white hover:text-white focus-visible:text-ink">
              Sign in
            </Link>
          )}
        </div>
      </div>
      {viewer ? <PrimaryNav items={navigationFor(viewer.role, viewer.organisation.type)} /> : null}
    </header>
  );
}
