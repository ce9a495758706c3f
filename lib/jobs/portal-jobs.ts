import { expireAgreements } from "@/lib/agreements/expiry";
import { sendAgreementReminders } from "@/lib/agreements/reminders";
import { verifyAuditChainScheduled } from "@/lib/audit/scheduled";
import type { Env } from "@/lib/env";
import type { Mailer } from "@/lib/mail/transport";
import { purgeExpired, REJECTED_UPLOAD_DAYS } from "@/lib/retention/purge";
import type { Job } from "./runner";

/** The portal's scheduled jobs, each once a day at a UK time (docs/architecture.md#scheduled-jobs). */
export function portalJobs(env: Pick<Env, "PORTAL_URL" | "RETENTION_DEFAULT_MONTHS">, mailer: Mailer | null): Job[] {
  return [
    {
      name: "agreements.expire",
      dailyAt: "00:05",
      async run(db) {
        const expired = await expireAgreements(db);
        return expired.length === 0 ? "no agreement expired" : `expired ${expired.map((row) => row.reference).join(", ")}`;
      },
    },
    {
      name: "agreements.remind",
      dailyAt: "07:00",
      async run(db, now) {
        const result = await sendAgreementReminders(db, mailer, { now, portalUrl: env.PORTAL_URL });
        if (!result.mailConfigured) return "SMTP_URL is unset: no reminder e-mailed (the dashboards show them)";
        return `${result.sent} reminder(s) e-mailed to ${result.emails} address(es)`;
      },
    },
    {
      name: "retention.purge",
      dailyAt: "02:30",
      async run(db) {
        const certificate = await purgeExpired(db, { defaultMonths: env.RETENTION_DEFAULT_MONTHS });
        return `${certificate.total} disclosure(s) past their retention and ${certificate.rejectedUploads.total} rejected upload(s) older than ${REJECTED_UPLOAD_DAYS} days deleted`;
      },
    },
    {
      name: "audit.verify",
      dailyAt: "03:15",
      async run(db) {
        const { verdict, alerted, mailConfigured } = await verifyAuditChainScheduled(db, { mailer, portalUrl: env.PORTAL_URL });
        if (verdict.intact) return `audit chain intact: ${verdict.checked} link(s) verified`;
        const alert = mailConfigured ? `${alerted} auditor(s) e-mailed` : "SMTP_URL is unset: no auditor e-mailed (the audit page shows the break)";
        return `audit chain BROKEN at link ${verdict.broken?.position}: ${verdict.broken?.message} ${alert}`;
      },
    },
  ];
}
