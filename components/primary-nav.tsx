"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentNavigationHref, type NavigationItem } from "@/lib/navigation";

type PrimaryNavProps = {
  items: readonly NavigationItem[];
};

export function PrimaryNav({ items }: PrimaryNavProps) {
  const pathname = usePathname();
  const current = currentNavigationHref(items, pathname);

  return (
    <nav aria-label="Main" className="border-b border-rule bg-panel">
      <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-6 px-4 sm:px-6">
        {items.map((item) => {
          const isCurrent = item.href === current;
          // On a page inside a section (e.g. one disclosure) the section is marked, but only the
          // exact page is announced as "current page".
          const ariaCurrent = isCurrent ? (item.href === pathname ? "page" : "true") : undefined;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={ariaCurrent}
                className={[
                  "inline-block border-b-4 py-3 font-bold no-underline visited:text-link focus-visible:text-ink",
                  isCurrent ? "border-brand" : "border-transparent hover:underline",
                ].join(" ")}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
