CREATE TABLE "insight_counts" (
	"org_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"month" date NOT NULL,
	"threat_area" "threat_area" NOT NULL,
	"lad_code" varchar(9) NOT NULL,
	"value" text NOT NULL,
	"force_area_code" varchar(9) NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"record_key_sum" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_counts_org_id_dimension_month_threat_area_lad_code_value_pk" PRIMARY KEY("org_id","dimension","month","threat_area","lad_code","value")
);
--> statement-breakpoint
ALTER TABLE "disclosures" ADD COLUMN "record_key" smallint DEFAULT floor(random() * 256) NOT NULL;--> statement-breakpoint
ALTER TABLE "insight_counts" ADD CONSTRAINT "insight_counts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insight_counts_dimension_force_area_code_month_index" ON "insight_counts" USING btree ("dimension","force_area_code","month");--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_record_key_byte" CHECK ("disclosures"."record_key" between 0 and 255);--> statement-breakpoint

-- docs/insights.md: the counts behind the intelligence-gap views, kept current by triggers and
-- read only through the narrow functions at the end of this file.
--
-- Record keys (cell-key perturbation, as the ONS did for Census 2021): a correction takes the key
-- of its series' first version, so a corrected disclosure moves its counts without changing the
-- noise of the cells it lands in. Existing corrections are aligned first.
UPDATE disclosures d SET record_key = first.record_key
FROM disclosures first
WHERE first.series_id = d.series_id AND first.version = 1 AND d.version > 1 AND d.record_key <> first.record_key;
--> statement-breakpoint
CREATE FUNCTION app_set_record_key() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.record_key IS DISTINCT FROM OLD.record_key THEN
      RAISE EXCEPTION 'A disclosure''s record key is set when it is created and never changes' USING ERRCODE = '55000';
    END IF;
    RETURN NEW;
  END IF;
  NEW.record_key := coalesce(
    (SELECT s.record_key FROM disclosures s WHERE s.series_id = NEW.series_id ORDER BY s.version LIMIT 1),
    floor(random() * 256)::smallint);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER disclosures_record_key_set BEFORE INSERT ON disclosures
  FOR EACH ROW EXECUTE FUNCTION app_set_record_key();
--> statement-breakpoint
CREATE TRIGGER disclosures_record_key_fixed BEFORE UPDATE OF record_key ON disclosures
  FOR EACH ROW EXECUTE FUNCTION app_set_record_key();
--> statement-breakpoint

-- The cells one disclosure counts in, for each of its threat areas: the plain total; every
-- single-answer field with its code (unanswered counts as not_known); every element of each list
-- field (an empty list counts in none); whether there was an online element; for data quality, each
-- field answered with something other than not_known (dimension `answered`, value the field), and
-- how many whole months after the month of disclosure it was submitted (UK time).
CREATE FUNCTION app_insight_cells(d disclosures) RETURNS TABLE (dimension text, value text)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = public, pg_temp
AS $$
  WITH single (field, answer) AS (
    VALUES ('abuse_recency', d.abuse_recency::text),
           ('victim_age_band', d.victim_age_band::text),
           ('victim_sex', d.victim_sex::text),
           ('victim_gender_differs_from_sex_at_birth', d.victim_gender_differs_from_sex_at_birth::text),
           ('victim_ethnicity', d.victim_ethnicity::text),
           ('victim_lgbtq', d.victim_lgbtq::text),
           ('victim_disability', d.victim_disability::text),
           ('victim_mental_health_need', d.victim_mental_health_need::text),
           ('victim_migrant', d.victim_migrant::text),
           ('victim_no_recourse_to_public_funds', d.victim_no_recourse_to_public_funds::text),
           ('victim_repeat', d.victim_repeat::text),
           ('victim_children_in_household', d.victim_children_in_household::text),
           ('perpetrator_relationship', d.perpetrator_relationship::text),
           ('perpetrator_sex', d.perpetrator_sex::text),
           ('perpetrator_age_band', d.perpetrator_age_band::text),
           ('perpetrator_number', d.perpetrator_number::text),
           ('perpetrator_other_offending', d.perpetrator_other_offending::text),
           ('perpetrator_ideology_concern', d.perpetrator_ideology_concern::text),
           ('space', d.space::text),
           ('reported_to_police', d.reported_to_police::text)
  ), multiple (field, answers) AS (
    VALUES ('perpetrator_other_offending_types', d.perpetrator_other_offending_types::text[]),
           ('online_platforms', d.online_platforms::text[]),
           ('barriers', d.barriers::text[]),
           ('victim_wants', d.victim_wants::text[]),
           ('protective_orders', d.protective_orders::text[]),
           ('referrals', d.referrals::text[])
  ), online AS (
    SELECT d.space = 'online' OR cardinality(array_remove(d.online_platforms::text[], 'not_known')) > 0 AS yes,
           d.space IS NOT NULL AND d.space <> 'not_known' AS known
  )
  SELECT 'total', ''
  UNION ALL SELECT s.field, coalesce(s.answer, 'not_known') FROM single s
  UNION ALL SELECT m.field, a.answer
    FROM multiple m CROSS JOIN LATERAL unnest(m.answers) AS a(answer)
  UNION ALL SELECT 'online_element', CASE WHEN o.yes THEN 'yes' WHEN o.known THEN 'no' ELSE 'not_known' END FROM online o
  UNION ALL SELECT 'answered', s.field FROM single s WHERE s.answer IS NOT NULL AND s.answer <> 'not_known'
  UNION ALL SELECT 'answered', m.field FROM multiple m WHERE cardinality(array_remove(m.answers, 'not_known')) > 0
  UNION ALL SELECT 'submission_lag',
    CASE WHEN lag.months <= 0 THEN '0' WHEN lag.months = 1 THEN '1' WHEN lag.months = 2 THEN '2' WHEN lag.months <= 5 THEN '3_5' ELSE '6_plus' END
    FROM (SELECT (extract(year FROM local.day) * 12 + extract(month FROM local.day))
               - (extract(year FROM d.disclosure_month) * 12 + extract(month FROM d.disclosure_month)) AS months
          FROM (SELECT (d.submitted_at AT TIME ZONE 'Europe/London')::date AS day) local) lag
    WHERE d.submitted_at IS NOT NULL AND d.disclosure_month IS NOT NULL
$$;
--> statement-breakpoint
-- A disclosure's contribution to insight_counts, times p_sign (+1 to add, −1 to take away); none
-- unless it is submitted.
CREATE FUNCTION app_insight_delta(d disclosures, p_sign integer)
RETURNS TABLE (org_id uuid, dimension text, month date, threat_area threat_area, lad_code varchar, value text, force_area_code varchar, n integer, k bigint)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = public, pg_temp
AS $$
  SELECT d.org_id, c.dimension, d.disclosure_month, area, d.lad_code, c.value, d.force_area_code, p_sign, p_sign * d.record_key::bigint
  FROM unnest(d.threat_areas) AS area CROSS JOIN app_insight_cells(d) c
  WHERE d.status = 'submitted' AND d.lad_code IS NOT NULL AND d.disclosure_month IS NOT NULL
$$;
--> statement-breakpoint
-- Moves the counts in the same transaction as the change: the old row's contribution out, the new
-- row's in, netted per cell so that one statement touches each row once. Rows are upserted in key
-- order, so two transactions touching the same cells take their locks in the same order and wait
-- rather than deadlock (docs/insights.md#contention). Counts that reach zero stay as rows; readers
-- skip them.
CREATE FUNCTION app_count_insights() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  INSERT INTO insight_counts AS c (org_id, dimension, month, threat_area, lad_code, value, force_area_code, count, record_key_sum)
  SELECT x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value, min(x.force_area_code), sum(x.n)::integer, sum(x.k)
  FROM (
    SELECT * FROM app_insight_delta(CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD END, -1)
    UNION ALL
    SELECT * FROM app_insight_delta(CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW END, 1)
  ) x
  GROUP BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
  HAVING sum(x.n) <> 0 OR sum(x.k) <> 0
  ORDER BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
  ON CONFLICT (org_id, dimension, month, threat_area, lad_code, value)
    DO UPDATE SET count = c.count + excluded.count, record_key_sum = c.record_key_sum + excluded.record_key_sum;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER disclosures_insights_counted_on_insert AFTER INSERT ON disclosures
  FOR EACH ROW WHEN (NEW.status = 'submitted') EXECUTE FUNCTION app_count_insights();
--> statement-breakpoint
CREATE TRIGGER disclosures_insights_counted_on_update AFTER UPDATE ON disclosures
  FOR EACH ROW WHEN (OLD.status = 'submitted' OR NEW.status = 'submitted') EXECUTE FUNCTION app_count_insights();
--> statement-breakpoint
CREATE TRIGGER disclosures_insights_counted_on_delete AFTER DELETE ON disclosures
  FOR EACH ROW WHEN (OLD.status = 'submitted') EXECUTE FUNCTION app_count_insights();
--> statement-breakpoint
-- Backfill: every disclosure submitted before this migration.
INSERT INTO insight_counts (org_id, dimension, month, threat_area, lad_code, value, force_area_code, count, record_key_sum)
SELECT x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value, min(x.force_area_code), sum(x.n)::integer, sum(x.k)
FROM disclosures d CROSS JOIN LATERAL app_insight_delta(d, 1) x
WHERE d.status = 'submitted'
GROUP BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value;
--> statement-breakpoint

-- Nobody reads or writes the counts directly: row-level security on, forced, with a policy for
-- the table's owner (the role running migrations, which owns the functions above) and no grant
-- to vawg_app at all.
ALTER TABLE insight_counts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE insight_counts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY insight_counts_maintained ON insight_counts FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
REVOKE ALL ON insight_counts FROM PUBLIC;
--> statement-breakpoint

-- The cells a viewer may count (docs/insights.md#scope), summed over local authorities (and over
-- months unless p_by_month) within the filters: for an analyst or viewer, the cells whose provider
-- × place × threat area an agreement in force today (UK day) grants their organisation, at either
-- granularity; for a partner lead, their own organisation's cells. Anyone else is refused. The
-- plain total adds the counts the retention purge kept (their record keys are not known: 0).
CREATE FUNCTION app_insight_counts(
  p_dimensions text[], p_from date, p_to date, p_force_area text, p_lad text,
  p_threat_area threat_area, p_partner_type organisation_type, p_by_month boolean
)
RETURNS TABLE (provider_org_id uuid, provider_type organisation_type, threat_area threat_area, force_area_code varchar,
               month date, dimension text, value text, count bigint, record_key_sum bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_role text := app_role();
  v_org uuid := app_org_id();
BEGIN
  IF v_role IS NULL OR v_role NOT IN ('analyst', 'viewer', 'org_manager') OR v_org IS NULL THEN
    RAISE EXCEPTION 'Only analysts, viewers and partner leads may read insight counts' USING ERRCODE = '42501';
  END IF;
  IF p_from IS NULL OR p_to IS NULL OR p_from > p_to THEN
    RAISE EXCEPTION 'An insight count needs a period from its first to its last month' USING ERRCODE = '22023';
  END IF;
  RETURN QUERY
  WITH cells AS (
    SELECT c.org_id, c.threat_area, c.force_area_code, c.lad_code, c.month, c.dimension, c.value, c.count::bigint AS count, c.record_key_sum
    FROM insight_counts c
    WHERE c.dimension = ANY (p_dimensions) AND c.month BETWEEN p_from AND p_to AND c.count > 0
    UNION ALL
    SELECT r.org_id, r.threat_area, r.force_area_code, r.lad_code, r.month, 'total', '', r.count::bigint, 0::bigint
    FROM retained_disclosure_counts r
    WHERE 'total' = ANY (p_dimensions) AND r.month BETWEEN p_from AND p_to AND r.count > 0
  )
  SELECT c.org_id, o.type, c.threat_area, c.force_area_code,
         CASE WHEN p_by_month THEN c.month END, c.dimension, c.value, sum(c.count)::bigint, sum(c.record_key_sum)::bigint
  FROM cells c JOIN organisations o ON o.id = c.org_id
  WHERE (p_force_area IS NULL OR c.force_area_code = p_force_area)
    AND (p_lad IS NULL OR c.lad_code = p_lad)
    AND (p_threat_area IS NULL OR c.threat_area = p_threat_area)
    AND (p_partner_type IS NULL OR o.type = p_partner_type)
    AND CASE WHEN v_role = 'org_manager' THEN c.org_id = v_org
        ELSE EXISTS (
          SELECT 1 FROM agreement_grants g
          WHERE g.recipient_org_id = v_org AND g.provider_org_id = c.org_id AND g.threat_area = c.threat_area
            AND g.force_area_code = c.force_area_code AND (g.lad_code IS NULL OR g.lad_code = c.lad_code)
            AND app_in_force(g.start_date, g.end_date))
        END
  GROUP BY c.org_id, o.type, c.threat_area, c.force_area_code, CASE WHEN p_by_month THEN c.month END, c.dimension, c.value;
END
$$;
--> statement-breakpoint
-- The disclosure control the agreements in scope ask for, one row per distinct setting: for an
-- analyst or viewer, the versions of the grants in force for their organisation (within the
-- threat area and force area when given); for a partner lead, the signed or current versions
-- naming their organisation as a provider. The service applies the strictest of them.
CREATE FUNCTION app_insight_policies(p_threat_area threat_area, p_force_area text)
RETURNS TABLE (disclosure_threshold integer, round_to_base5 boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_role text := app_role();
  v_org uuid := app_org_id();
BEGIN
  IF v_role IS NULL OR v_role NOT IN ('analyst', 'viewer', 'org_manager') OR v_org IS NULL THEN
    RAISE EXCEPTION 'Only analysts, viewers and partner leads may read insight counts' USING ERRCODE = '42501';
  END IF;
  IF v_role = 'org_manager' THEN
    RETURN QUERY
      SELECT DISTINCT v.disclosure_threshold, v.round_to_base5
      FROM agreements a JOIN agreement_versions v ON v.id = a.current_version_id
      JOIN agreement_parties p ON p.version_id = v.id AND p.org_id = v_org AND p.is_provider
      WHERE a.status IN ('active', 'suspended');
  ELSE
    RETURN QUERY
      SELECT DISTINCT v.disclosure_threshold, v.round_to_base5
      FROM agreement_grants g JOIN agreement_versions v ON v.id = g.version_id
      WHERE g.recipient_org_id = v_org AND app_in_force(g.start_date, g.end_date)
        AND (p_threat_area IS NULL OR g.threat_area = p_threat_area)
        AND (p_force_area IS NULL OR g.force_area_code = p_force_area);
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_insight_counts(text[], date, date, text, text, threat_area, organisation_type, boolean),
  app_insight_policies(threat_area, text), app_insight_cells(disclosures), app_insight_delta(disclosures, integer),
  app_count_insights(), app_set_record_key()
  FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_insight_counts(text[], date, date, text, text, threat_area, organisation_type, boolean),
  app_insight_policies(threat_area, text) TO vawg_app;
