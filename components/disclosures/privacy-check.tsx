"use client";

import { useEffect, useState } from "react";
import type { PiiFinding } from "@/lib/pii/kinds";

type Scan = (text: string) => PiiFinding[];

// The scanner (with its English tagger, some 350 KB) loads only once someone types in the box,
// as a chunk of its own, so the form's first load does not pay for it.
let scanner: Promise<Scan> | null = null;
const loadScanner = () => (scanner ??= import("@/lib/pii/scan").then((module) => module.scanForPii));

const ROLES = "such as ‘the victim’ or ‘her ex-partner’";
// How long typing must pause before the text is checked: the check never runs between keystrokes.
const PAUSE_MS = 600;

type Shown = { words: string; kind: PiiFinding["kind"]; label: string };

/** What each finding is and what to do about it, quoting the person's own words back to them. */
function describe(text: string, findings: readonly PiiFinding[]): Shown[] {
  return findings.map((finding) => ({
    words: text.slice(finding.start, finding.end),
    kind: finding.kind,
    label: finding.message.replace(/^looks like /, ""),
  }));
}

/**
 * The privacy check as the caseworker types: once typing pauses, the same scanner the server runs
 * looks at the text, off the keystroke path, and names each stretch that looks like personal data.
 * The server checks again on saving; this only warns early.
 */
export function PrivacyCheck({ text, id }: { text: string; id: string }) {
  const [shown, setShown] = useState<Shown[]>([]);

  useEffect(() => {
    if (text.trim() === "") {
      const clear = setTimeout(() => setShown([]), 0);
      return () => clearTimeout(clear);
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      void loadScanner().then((scan) => {
        const run = () => {
          if (!cancelled) setShown(describe(text, scan(text)));
        };
        if ("requestIdleCallback" in window) window.requestIdleCallback(run, { timeout: 1000 });
        else run();
      });
    }, PAUSE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text]);

  const names = shown.filter((item) => item.kind === "name").length;
  return (
    <div id={id} role="status" aria-live="polite" className={shown.length === 0 ? "sr-only" : "mt-2 border-l-4 border-error pl-4"}>
      {shown.length === 0 ? null : (
        <>
          <p className="font-bold">This may identify someone</p>
          <ul className="mt-1 list-disc pl-6">
            {shown.map((item, index) => (
              <li key={`${index}-${item.kind}`}>
                ‘{item.words}’ looks like {item.label}
              </li>
            ))}
          </ul>
          <p className="mt-1">
            {names > 0 ? `Replace names with a role, ${ROLES}. ` : null}
            Remove other personal details before you save.
          </p>
        </>
      )}
    </div>
  );
}
