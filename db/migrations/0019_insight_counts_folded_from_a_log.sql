CREATE TABLE "insight_area_counts" (
	"org_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"month" date NOT NULL,
	"threat_area" "threat_area" NOT NULL,
	"force_area_code" varchar(9) NOT NULL,
	"value" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"record_key_sum" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_area_counts_org_id_dimension_month_threat_area_force_area_code_value_pk" PRIMARY KEY("org_id","dimension","month","threat_area","force_area_code","value")
);
--> statement-breakpoint
CREATE TABLE "insight_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "insight_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sign" smallint NOT NULL,
	"disclosure" jsonb NOT NULL,
	"logged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insight_changes_sign" CHECK ("insight_changes"."sign" in (-1, 1))
);
--> statement-breakpoint
ALTER TABLE "insight_area_counts" ADD CONSTRAINT "insight_area_counts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint

-- docs/insights.md (Counting, Aggregates, Reading at scale): the insight counts move out of the
-- changing transaction, and are also kept summed over local authorities.
--
-- Until now every statement that added, corrected, withdrew or purged a submitted disclosure upserted
-- its sixty-odd cells of insight_counts before it could commit. At a million disclosures that table
-- is gigabytes, so each submission waited on random reads and row locks of it, and a bulk upload
-- held thousands of its cells until its commit. Now the triggers only append the disclosure (as the
-- counts need it) to insight_changes, and app_fold_insight_changes moves logged changes into the
-- counts in batches: every few seconds from the portal's folding loop, and before every insight
-- read, so that a reader sees what was committed before the read began.
--
-- Only one fold runs at a time (an advisory lock), and it takes changes in the order they were
-- logged. A change taking a disclosure away is logged only after the change that added it has
-- committed, so it is never folded first, and no count goes below its true value on the way.
--
-- insight_counts has a row per local authority, and at national scale almost no two disclosures of
-- one provider, month and threat area share one, so a year of a view read nearly a row per answer of
-- every disclosure in scope. But a grant usually shares a provider's whole force area for a threat
-- area, and every view sums over local authorities unless one is chosen. So the fold also keeps
-- insight_area_counts, and app_insight_counts reads it for each provider, threat area and force area
-- a grant shares whole; insight_counts is read only for a chosen local authority, or for a grant of
-- single local authorities. The rule of who sees what is unchanged.

ALTER TABLE insight_changes SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);
--> statement-breakpoint
ALTER TABLE insight_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE insight_changes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY insight_changes_maintained ON insight_changes FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
REVOKE ALL ON insight_changes FROM PUBLIC;
--> statement-breakpoint

-- What the counts need of a disclosure, or null if it counts in no cell (app_insight_delta's rule):
-- the row as JSON without its free text, partner reference or access keys, and without the columns
-- that change when nothing counted does, so that two versions compare equal exactly when they count
-- the same. A new column app_insight_cells reads must not be one of those taken out here.
CREATE FUNCTION app_insight_counted(d disclosures) RETURNS jsonb
LANGUAGE sql STABLE
AS $$
  SELECT CASE WHEN d.status = 'submitted' AND d.lad_code IS NOT NULL AND d.disclosure_month IS NOT NULL AND cardinality(d.threat_areas) > 0
    THEN to_jsonb(d) - ARRAY['context', 'withdrawn_reason', 'partner_reference_hash', 'access_keys', 'created_by', 'created_at', 'updated_at', 'withdrawn_at'] END
$$;
--> statement-breakpoint
-- Appends each statement's changes to what is counted: a disclosure that starts counting (+1), stops
-- (−1) or counts differently (−1 for the old row, +1 for the new). An UPDATE that leaves what is
-- counted as it was logs nothing.
CREATE FUNCTION app_log_insight_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO insight_changes (sign, disclosure)
    SELECT 1, c.counted FROM (SELECT app_insight_counted(n) AS counted FROM new_rows n) c WHERE c.counted IS NOT NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO insight_changes (sign, disclosure)
    SELECT s.sign, s.counted
    FROM (SELECT o.id, app_insight_counted(o) AS counted FROM old_rows o) o
    JOIN (SELECT n.id, app_insight_counted(n) AS counted FROM new_rows n) n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (-1, o.counted), (1, n.counted)) AS s(sign, counted)
    WHERE o.counted IS DISTINCT FROM n.counted AND s.counted IS NOT NULL;
  ELSE
    INSERT INTO insight_changes (sign, disclosure)
    SELECT -1, c.counted FROM (SELECT app_insight_counted(o) AS counted FROM old_rows o) c WHERE c.counted IS NOT NULL;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER disclosures_insights_counted_on_insert ON disclosures;
--> statement-breakpoint
DROP TRIGGER disclosures_insights_counted_on_update ON disclosures;
--> statement-breakpoint
DROP TRIGGER disclosures_insights_counted_on_delete ON disclosures;
--> statement-breakpoint
DROP FUNCTION app_count_insights();
--> statement-breakpoint
CREATE TRIGGER disclosures_insight_changes_logged_on_insert AFTER INSERT ON disclosures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_log_insight_changes();
--> statement-breakpoint
CREATE TRIGGER disclosures_insight_changes_logged_on_update AFTER UPDATE ON disclosures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_log_insight_changes();
--> statement-breakpoint
CREATE TRIGGER disclosures_insight_changes_logged_on_delete AFTER DELETE ON disclosures
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_log_insight_changes();
--> statement-breakpoint
ALTER TABLE insight_area_counts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE insight_area_counts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY insight_area_counts_maintained ON insight_area_counts FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
REVOKE ALL ON insight_area_counts FROM PUBLIC;
--> statement-breakpoint
-- The summed counts of everything counted so far (nothing is logged yet to fold).
INSERT INTO insight_area_counts (org_id, dimension, month, threat_area, force_area_code, value, count, record_key_sum)
SELECT c.org_id, c.dimension, c.month, c.threat_area, c.force_area_code, c.value, sum(c.count)::integer, sum(c.record_key_sum)
FROM insight_counts c
GROUP BY c.org_id, c.dimension, c.month, c.threat_area, c.force_area_code, c.value
HAVING sum(c.count) <> 0 OR sum(c.record_key_sum) <> 0;
--> statement-breakpoint
-- Folds up to p_limit logged changes, oldest first, into insight_counts and insight_area_counts and
-- deletes them, in one transaction; returns how many it folded. The cells move as the triggers used
-- to move them: netted per cell and upserted in key order, by local authority and summed over them.
-- With p_wait it waits for a fold under way to finish (a reader about to read the counts); without,
-- it returns 0 at once if another fold holds the lock (the folding loop, which comes round again).
-- Anyone may call it: it folds only what was committed, as it was logged, and reveals nothing but a
-- number.
CREATE FUNCTION app_fold_insight_changes(p_limit integer, p_wait boolean) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off
AS $$
DECLARE
  v_folded integer;
BEGIN
  IF p_limit IS NULL OR p_limit < 1 THEN
    RAISE EXCEPTION 'A fold takes at least one change' USING ERRCODE = '22023';
  END IF;
  IF p_wait THEN
    PERFORM pg_advisory_xact_lock(hashtext('app_fold_insight_changes'));
  ELSIF NOT pg_try_advisory_xact_lock(hashtext('app_fold_insight_changes')) THEN
    RETURN 0;
  END IF;
  WITH taken AS (
    DELETE FROM insight_changes c
    WHERE c.id IN (SELECT l.id FROM insight_changes l ORDER BY l.id LIMIT p_limit)
    -- The row rebuilt once here: app_insight_delta reads some thirty of its fields, and a call
    -- in its place would be made again for each of them.
    RETURNING c.sign, jsonb_populate_record(NULL::disclosures, c.disclosure) AS d
  ), delta AS MATERIALIZED (
    SELECT x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value, min(x.force_area_code) AS force_area_code, sum(x.n)::integer AS n, sum(x.k) AS k
    FROM taken t CROSS JOIN LATERAL app_insight_delta(t.d, t.sign) x
    GROUP BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
    HAVING sum(x.n) <> 0 OR sum(x.k) <> 0
  ), moved AS (
    INSERT INTO insight_counts AS c (org_id, dimension, month, threat_area, lad_code, value, force_area_code, count, record_key_sum)
    SELECT d.org_id, d.dimension, d.month, d.threat_area, d.lad_code, d.value, d.force_area_code, d.n, d.k
    FROM delta d
    ORDER BY d.org_id, d.dimension, d.month, d.threat_area, d.lad_code, d.value
    ON CONFLICT (org_id, dimension, month, threat_area, lad_code, value)
      DO UPDATE SET count = c.count + excluded.count, record_key_sum = c.record_key_sum + excluded.record_key_sum
  ), summed AS (
    INSERT INTO insight_area_counts AS c (org_id, dimension, month, threat_area, force_area_code, value, count, record_key_sum)
    SELECT d.org_id, d.dimension, d.month, d.threat_area, d.force_area_code, d.value, sum(d.n)::integer, sum(d.k)
    FROM delta d
    GROUP BY d.org_id, d.dimension, d.month, d.threat_area, d.force_area_code, d.value
    HAVING sum(d.n) <> 0 OR sum(d.k) <> 0
    ORDER BY d.org_id, d.dimension, d.month, d.threat_area, d.force_area_code, d.value
    ON CONFLICT (org_id, dimension, month, threat_area, force_area_code, value)
      DO UPDATE SET count = c.count + excluded.count, record_key_sum = c.record_key_sum + excluded.record_key_sum
  )
  SELECT count(*)::integer INTO v_folded FROM taken;
  RETURN v_folded;
END
$$;
--> statement-breakpoint
-- The reads, as in migration 0018, with each provider read once from the table it needs:
-- insight_area_counts for a partner lead's own organisation and for every provider, threat area and
-- force area a grant shares whole, unless one local authority is asked for; insight_counts
-- otherwise. A summed cell has no local authority, so the rule below lets only a grant of the whole
-- force area cover it.
CREATE OR REPLACE FUNCTION app_insight_counts(
  p_dimensions text[], p_from date, p_to date, p_force_area text, p_lad text,
  p_threat_area threat_area, p_partner_type organisation_type, p_by_month boolean
)
RETURNS TABLE (provider_org_id uuid, provider_type organisation_type, threat_area threat_area, force_area_code varchar,
               month date, dimension text, value text, count bigint, record_key_sum bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off SET plan_cache_mode = force_custom_plan
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
  WITH grants AS MATERIALIZED (
    SELECT g.provider_org_id, g.threat_area, g.force_area_code, g.lad_code FROM agreement_grants g
    WHERE v_role <> 'org_manager' AND g.recipient_org_id = v_org AND app_in_force(g.start_date, g.end_date)
  ), whole AS MATERIALIZED (
    -- Provider × threat area × force area shared whole.
    SELECT DISTINCT g.provider_org_id, g.threat_area, g.force_area_code FROM grants g WHERE g.lad_code IS NULL
  ), summed_providers AS (
    SELECT v_org AS org_id WHERE v_role = 'org_manager' AND p_lad IS NULL
    UNION
    SELECT w.provider_org_id FROM whole w WHERE p_lad IS NULL
  ), fine_providers AS (
    SELECT v_org AS org_id WHERE v_role = 'org_manager' AND p_lad IS NOT NULL
    UNION
    SELECT g.provider_org_id FROM grants g
    WHERE p_lad IS NOT NULL
       OR NOT EXISTS (SELECT 1 FROM whole w WHERE w.provider_org_id = g.provider_org_id AND w.threat_area = g.threat_area AND w.force_area_code = g.force_area_code)
  ), cells AS (
    SELECT c.org_id, c.threat_area, c.force_area_code, NULL::varchar AS lad_code, c.month, c.dimension, c.value, c.count::bigint AS count, c.record_key_sum
    FROM summed_providers p CROSS JOIN LATERAL (
      SELECT * FROM insight_area_counts c
      WHERE c.org_id = p.org_id AND c.dimension = ANY (p_dimensions) AND c.month BETWEEN p_from AND p_to AND c.count > 0
      OFFSET 0 -- read per provider: kept from being merged into a scan of everyone's cells
    ) c
    UNION ALL
    SELECT c.org_id, c.threat_area, c.force_area_code, c.lad_code, c.month, c.dimension, c.value, c.count::bigint, c.record_key_sum
    FROM fine_providers p CROSS JOIN LATERAL (
      SELECT * FROM insight_counts c
      WHERE c.org_id = p.org_id AND c.dimension = ANY (p_dimensions) AND c.month BETWEEN p_from AND p_to AND c.count > 0
      OFFSET 0
    ) c
    -- What the summed cells already hold is not read again by local authority.
    WHERE p_lad IS NOT NULL
       OR NOT EXISTS (SELECT 1 FROM whole w WHERE w.provider_org_id = c.org_id AND w.threat_area = c.threat_area AND w.force_area_code = c.force_area_code)
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
          SELECT 1 FROM grants g
          WHERE g.provider_org_id = c.org_id AND g.threat_area = c.threat_area
            AND g.force_area_code = c.force_area_code AND (g.lad_code IS NULL OR g.lad_code = c.lad_code))
        END
  GROUP BY c.org_id, o.type, c.threat_area, c.force_area_code, CASE WHEN p_by_month THEN c.month END, c.dimension, c.value;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_insight_counted(disclosures), app_log_insight_changes(), app_fold_insight_changes(integer, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_fold_insight_changes(integer, boolean) TO vawg_app;
