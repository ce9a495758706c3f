CREATE TYPE "public"."reminder_kind" AS ENUM('review', 'expiry');--> statement-breakpoint
CREATE TABLE "agreement_reminders" (
	"agreement_id" uuid NOT NULL,
	"kind" "reminder_kind" NOT NULL,
	"due_date" date NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_reminders_agreement_id_kind_due_date_pk" PRIMARY KEY("agreement_id","kind","due_date")
);
--> statement-breakpoint
CREATE TABLE "retained_disclosure_counts" (
	"org_id" uuid NOT NULL,
	"month" date NOT NULL,
	"threat_area" "threat_area" NOT NULL,
	"force_area_code" varchar(9) NOT NULL,
	"lad_code" varchar(9) NOT NULL,
	"count" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retained_disclosure_counts_org_id_month_threat_area_force_area_code_lad_code_pk" PRIMARY KEY("org_id","month","threat_area","force_area_code","lad_code")
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_outcome" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_reminders" ADD CONSTRAINT "agreement_reminders_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retained_disclosure_counts" ADD CONSTRAINT "retained_disclosure_counts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retained_disclosure_counts" ADD CONSTRAINT "retained_disclosure_counts_force_area_code_police_force_areas_code_fk" FOREIGN KEY ("force_area_code") REFERENCES "public"."police_force_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retained_disclosure_counts" ADD CONSTRAINT "retained_disclosure_counts_lad_code_local_authorities_code_fk" FOREIGN KEY ("lad_code") REFERENCES "public"."local_authorities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retained_disclosure_counts_force_area_code_month_index" ON "retained_disclosure_counts" USING btree ("force_area_code","month");--> statement-breakpoint

-- docs/architecture.md#scheduled-jobs: the scheduler's own bookkeeping (job names and times, no
-- organisation data), written by every portal instance as vawg_app; no row-level security.
GRANT SELECT, INSERT, UPDATE ON scheduled_jobs TO vawg_app;
--> statement-breakpoint

-- Reminders sent: written by the reminder job, which acts as an administrator with no user.
ALTER TABLE agreement_reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_reminders FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agreement_reminders_admin ON agreement_reminders FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint
GRANT SELECT, INSERT ON agreement_reminders TO vawg_app;
--> statement-breakpoint

-- Counts kept from purged disclosures: the organisation's own caseworkers and partner lead read
-- them, as they read its disclosures, and administrators (counts only, never a record). Only the
-- purge function below writes them.
ALTER TABLE retained_disclosure_counts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retained_disclosure_counts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY retained_disclosure_counts_own_org_select ON retained_disclosure_counts FOR SELECT USING (
  org_id = app_org_id() AND app_role() IN ('submitter', 'org_manager')
);
--> statement-breakpoint
CREATE POLICY retained_disclosure_counts_admin_select ON retained_disclosure_counts FOR SELECT USING (app_role() = 'admin');
--> statement-breakpoint
GRANT SELECT ON retained_disclosure_counts TO vawg_app;
--> statement-breakpoint

-- docs/data-model.md#retention: deletes the disclosures whose retention has run out, after adding
-- the submitted ones to retained_disclosure_counts. A disclosure is kept for the longest
-- retention of any signed or superseded agreement version naming its organisation as a provider,
-- or p_default_months when none does, counted from the end of its month. A correction series is
-- deleted whole or not at all (a draft in it, or a version still within its retention, keeps it).
-- Run by the scheduled job (no role) or an administrator; returns what it deleted per organisation
-- and month, for the deletion certificate the caller records in the same transaction.
CREATE FUNCTION app_purge_expired_disclosures(p_default_months integer)
RETURNS TABLE (purged_org_id uuid, purged_month date, deleted integer, counted integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_ids uuid[];
BEGIN
  IF app_role() IS NOT NULL AND app_role() <> 'admin' THEN
    RAISE EXCEPTION 'Only the scheduler or an administrator may purge disclosures' USING ERRCODE = '42501';
  END IF;
  IF p_default_months IS NULL OR p_default_months < 1 THEN
    RAISE EXCEPTION 'The default retention must be at least one month' USING ERRCODE = '22023';
  END IF;
  -- One purge at a time: a second waits, then finds what the first deleted gone, and counts nothing twice.
  PERFORM pg_advisory_xact_lock(hashtext('app_purge_expired_disclosures'));

  WITH provider_retention AS (
    SELECT p.org_id, max(v.retention_months) AS months
    FROM agreement_parties p JOIN agreement_versions v ON v.id = p.version_id
    WHERE p.is_provider AND v.status IN ('signed', 'superseded')
    GROUP BY p.org_id
  ), judged AS (
    SELECT d.id, d.series_id,
      d.status <> 'draft' AND d.disclosure_month IS NOT NULL
        AND (d.disclosure_month + make_interval(months => 1 + coalesce(r.months, p_default_months)))::date <= app_today() AS due
    FROM disclosures d LEFT JOIN provider_retention r ON r.org_id = d.org_id
  )
  SELECT coalesce(array_agg(j.id), '{}') INTO v_ids
  FROM judged j
  WHERE j.series_id IN (SELECT series_id FROM judged GROUP BY series_id HAVING bool_and(due));

  INSERT INTO retained_disclosure_counts AS kept (org_id, month, threat_area, force_area_code, lad_code, count)
    SELECT d.org_id, d.disclosure_month, t.threat_area, d.force_area_code, d.lad_code, count(*)::integer
    FROM disclosures d JOIN disclosure_threat_areas t ON t.disclosure_id = d.id
    WHERE d.id = ANY (v_ids) AND d.status = 'submitted'
    GROUP BY d.org_id, d.disclosure_month, t.threat_area, d.force_area_code, d.lad_code
  ON CONFLICT (org_id, month, threat_area, force_area_code, lad_code)
    DO UPDATE SET count = kept.count + excluded.count, updated_at = now();

  RETURN QUERY
    SELECT d.org_id, d.disclosure_month, count(*)::integer, (count(*) FILTER (WHERE d.status = 'submitted'))::integer
    FROM disclosures d WHERE d.id = ANY (v_ids)
    GROUP BY d.org_id, d.disclosure_month ORDER BY d.org_id, d.disclosure_month;

  -- Threat areas first: their trigger rewrites the disclosure's copy, which must still exist.
  DELETE FROM disclosure_threat_areas WHERE disclosure_id = ANY (v_ids);
  DELETE FROM disclosures WHERE id = ANY (v_ids);
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_purge_expired_disclosures(integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_purge_expired_disclosures(integer) TO vawg_app;
