"use client";

import Link from "next/link";
import { referenceOf } from "@/lib/error-reference";
import "./globals.css";

/**
 * Shown when the root layout itself fails, so it brings its own <html> and <body>. Like
 * app/error.tsx it shows only the reference the server's log line carries, never what went wrong.
 */
export default function GlobalError({ error }: { error: unknown }) {
  const reference = referenceOf(error);
  return (
    <html lang="en-GB">
      <body>
        <main className="mx-auto max-w-3xl space-y-4 p-6">
          <title>Something went wrong — VAWG partner data-sharing portal</title>
          <h1 className="text-3xl font-bold sm:text-4xl">Something went wrong</h1>
          <p>The portal could not show this page. Try again in a few minutes.</p>
          {reference ? (
            <p>
              If this keeps happening, contact the national coordinator and quote reference{" "}
              <code className="font-mono font-bold break-all">{reference}</code>.
            </p>
          ) : (
            <p>If this keeps happening, contact the national coordinator.</p>
          )}
          <p>
            <Link href="/">Go to the home page</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
