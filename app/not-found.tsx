import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = {
  title: "Page not found",
};

export default function NotFound() {
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold sm:text-4xl">Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      <p>
        If you followed a link to a record or an agreement, it may have been withdrawn, or your
        organisation may not have access to it.
      </p>
      <p>
        Go to the <Link href="/">home page</Link> or see the <Link href="/reference">reference data</Link>.
      </p>
    </div>
  );
}
