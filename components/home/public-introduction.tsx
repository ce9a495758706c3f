import Link from "next/link";
import { TitledSection } from "@/components/titled-section";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/access/roles";

const ROLE_SUMMARIES: Record<Role, string> = {
  submitter: "Records, submits and withdraws their own anonymised disclosures.",
  org_manager:
    "Leads for a partner organisation: manages its disclosures, bulk uploads, users and API tokens, signs data-sharing agreements and sees the organisation's own insights.",
  analyst:
    "Uses intelligence-gap views over data shared with their organisation, record-level rows where an agreement allows it, and the STRA input pack.",
  viewer: "Sees aggregate insights only, always under disclosure control.",
  admin:
    "Runs the platform for the national coordinator: organisations, users, agreements and retention. Has no access to disclosure records.",
  auditor: "Reads and verifies the audit log. Has no access to disclosure content.",
};

/** The portal introduced to someone not signed in: what it is for, who uses it, how victims are protected. */
export function PublicIntroduction() {
  return (
    <div className="max-w-3xl space-y-10">
      <div className="space-y-4">
        <h1 className="text-3xl font-bold sm:text-4xl">VAWG partner data-sharing portal</h1>
        <p className="text-xl">
          Partner organisations use this service to share anonymised information about disclosures of
          violence against women and girls (VAWG) with police and with each other, under signed
          data-sharing agreements.
        </p>
      </div>

      <TitledSection id="why" title="Why it exists" className="space-y-4">
        <p>
          Most violence against women and girls is never reported to the police. The national Strategic
          Threat and Risk Assessment (STRA) of VAWG, published by the National Police Chiefs&apos;
          Council in May 2023, found that police data gives only a partial picture, and that victims
          often tell a partner organisation before they tell the police.
        </p>
        <p>Pooling anonymised partner data helps answer the STRA&apos;s four intelligence priorities:</p>
        <ol className="list-decimal space-y-2 pl-6">
          <li>the scale and nature of VAWG reported to other statutory agencies, not to the police</li>
          <li>
            how common VAWG is across black and minoritised communities, and how that shapes the
            response
          </li>
          <li>how far VAWG perpetrators are involved in other offending</li>
          <li>how much VAWG is committed online, and the platforms where it happens</li>
        </ol>
      </TitledSection>

      <TitledSection id="who" title="Who it is for" className="space-y-4">
        <p>
          Police forces, local authorities, health bodies, independent sexual violence adviser (ISVA)
          and independent domestic violence adviser (IDVA) services, and third-sector organisations in
          England and Wales. The national coordinator runs the platform.
        </p>
        <p>Each person has one of these roles in their organisation:</p>
        <dl className="divide-y divide-rule border-y border-rule">
          {ROLES.map((role) => (
            <div key={role} className="grid gap-1 py-3 sm:grid-cols-[12rem_1fr] sm:gap-4">
              <dt className="font-bold">{ROLE_LABELS[role]}</dt>
              <dd>{ROLE_SUMMARIES[role]}</dd>
            </div>
          ))}
        </dl>
      </TitledSection>

      <TitledSection id="protection" title="How victims are protected" className="space-y-4">
        <ul className="list-disc space-y-2 pl-6">
          <li>
            Disclosures never contain names, dates of birth, addresses, full postcodes, phone numbers,
            email addresses, NHS or National Insurance numbers, or case numbers. Ages, places and dates
            are recorded in broad bands.
          </li>
          <li>
            An organisation sees another&apos;s data only through a data-sharing agreement that is in
            force at that moment, names both organisations, and covers the type of abuse and the area.
            When an agreement expires, is suspended or is ended, access stops straight away.
          </li>
          <li>
            Record-level data reaches another organisation only where an agreement grants it, and then
            only the fields and types of abuse the agreement names.
          </li>
          <li>
            Every sign-in, every view of record-level data, every export and every change is written to
            an audit log that cannot be altered without detection.
          </li>
        </ul>
      </TitledSection>

      <TitledSection id="access" title="Getting access" className="space-y-4">
        <p>
          Accounts are set up by your organisation&apos;s partner lead. If your organisation is not yet
          a partner, contact the national coordinator. You sign in with a password and a code from an
          authenticator app, or through your organisation&apos;s own single sign-on where it is set up.
        </p>
        <p>
          The police force areas and population figures used across the portal are listed on the{" "}
          <Link href="/reference">reference data</Link> page.
        </p>
      </TitledSection>
    </div>
  );
}
