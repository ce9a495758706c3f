import Link from "next/link";
import { OGL_URL, REFERENCE_ATTRIBUTION } from "@/lib/reference/attribution";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t-4 border-brand bg-panel">
      <div className="mx-auto max-w-5xl space-y-6 px-4 py-8 text-base sm:px-6">
        <nav aria-label="Support links">
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li>
              <Link href="/reference">Reference data</Link>
            </li>
            <li>
              <Link href="/api-docs">API for partner systems</Link>
            </li>
            <li>
              {/* A JSON endpoint, not a page: a plain anchor avoids client-side navigation. */}
              <a href="/api/health">API health</a>
            </li>
          </ul>
        </nav>
        <div className="space-y-1 text-muted">
          {REFERENCE_ATTRIBUTION.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <p>
            <a href={OGL_URL} rel="license">
              Open Government Licence v3.0
            </a>
          </p>
        </div>
      </div>
    </footer>
  );
}
