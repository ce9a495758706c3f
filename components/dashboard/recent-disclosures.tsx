import Link from "next/link";
import { StatusTag } from "@/components/disclosures/status-tag";
import { TitledSection } from "@/components/titled-section";
import type { DisclosureSummary } from "@/lib/disclosures/service";
import { formatMonth, THREAT_AREAS } from "@/lib/taxonomy";

const changed = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });

/** The latest disclosures the viewer worked on (a partner lead: their organisation's), newest first. */
export function RecentDisclosures({ disclosures, title }: { disclosures: readonly DisclosureSummary[]; title: string }) {
  return (
    <TitledSection id="recent-disclosures" title={title} className="space-y-3">
      {disclosures.length === 0 ? (
        <p>None yet. A disclosure appears here as soon as it is saved as a draft.</p>
      ) : (
        <>
          <ul className="divide-y divide-rule border-y border-rule">
            {disclosures.map((item) => (
              <li key={item.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
                <Link href={`/disclosures/${item.id}`} className="font-bold">
                  {item.disclosureMonth ? formatMonth(item.disclosureMonth) : "No month yet"}
                  <span className="sr-only">
                    , {item.threatAreas.length > 0 ? item.threatAreas.map((area) => THREAT_AREAS.label(area)).join(", ") : "no threat area yet"}
                  </span>
                </Link>
                <span aria-hidden="true">{item.threatAreas.length > 0 ? item.threatAreas.map((area) => THREAT_AREAS.label(area)).join(", ") : "No threat area yet"}</span>
                <StatusTag status={item.status} />
                <span className="text-muted">changed {changed.format(item.updatedAt)}</span>
              </li>
            ))}
          </ul>
          <p>
            <Link href="/disclosures">All disclosures</Link>
          </p>
        </>
      )}
    </TitledSection>
  );
}
