import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { getViewer } from "@/lib/auth/viewer";
import { signOutAction } from "./sign-in/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    template: "%s — VAWG partner data-sharing portal",
    default: "VAWG partner data-sharing portal",
  },
  description:
    "Partner organisations share anonymised disclosures of violence against women and girls under data-sharing agreements, for the national Strategic Threat and Risk Assessment.",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();

  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main-content"
          className="sr-only focus:not-sr-only focus:absolute focus:top-0 focus:left-0 focus:z-50 focus:block focus:p-3 focus:font-bold"
        >
          Skip to main content
        </a>
        <SiteHeader viewer={viewer} signOut={signOutAction} />
        <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 pt-8 sm:px-6">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
