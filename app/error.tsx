"use client";

import Link from "next/link";
// Only the digest is shown: it matches the server log entry without revealing what went wrong.
import { referenceOf } from "@/lib/error-reference";

type ErrorPageProps = {
  error: unknown;
  retry: () => void;
};


export default function ErrorPage({ error, retry }: ErrorPageProps) {
  const reference = referenceOf(error);

  return (
    <div className="max-w-3xl space-y-4">
      <title>Something went wrong — VAWG partner data-sharing portal</title>
      <h1 className="text-3xl font-bold sm:text-4xl">Something went wrong</h1>
      <p>The page could not be shown. You can try again, or go back to the home page.</p>
      {reference ? (
        <p>
          If this keeps happening, contact the national coordinator and quote reference{" "}
          <code className="font-mono font-bold break-all">{reference}</code>.
        </p>
      ) : (
        <p>If this keeps happening, contact the national coordinator.</p>
      )}
      <div className="flex flex-wrap items-center gap-6 pt-2">
        <button
          type="button"
          onClick={() => retry()}
          className="bg-action px-4 py-2 font-bold text-white shadow-[0_2px_0_var(--color-action-shadow)] hover:bg-action-hover"
        >
          Try again
        </button>
        <Link href="/">Go to the home page</Link>
      </div>
    </div>
  );
}
