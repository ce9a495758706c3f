CREATE TABLE "insight_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "insight_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sign" smallint NOT NULL,
	"disclosure" jsonb NOT NULL,
	"logged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insight_changes_sign" CHECK ("insight_changes"."sign" in (-1, 1))
);
--> statement-breakpoint

-- docs/insights.md (Counting): the insight counts move out of the changing transaction.
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
-- Folds up to p_limit logged changes, oldest first, into insight_counts and deletes them, in one
-- transaction; returns how many it folded. The cells move as the triggers used to move them: netted
-- per cell and upserted in key order. With p_wait it waits for a fold under way to finish (a reader
-- about to read the counts); without, it returns 0 at once if another fold holds the lock (the
-- folding loop, which comes round again). Anyone may call it: it folds only what was committed, as
-- it was logged, and reveals nothing but a number.
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
  ), moved AS (
    INSERT INTO insight_counts AS c (org_id, dimension, month, threat_area, lad_code, value, force_area_code, count, record_key_sum)
    SELECT x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value, min(x.force_area_code), sum(x.n)::integer, sum(x.k)
    FROM taken t CROSS JOIN LATERAL app_insight_delta(t.d, t.sign) x
    GROUP BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
    HAVING sum(x.n) <> 0 OR sum(x.k) <> 0
    ORDER BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
    ON CONFLICT (org_id, dimension, month, threat_area, lad_code, value)
      DO UPDATE SET count = c.count + excluded.count, record_key_sum = c.record_key_sum + excluded.record_key_sum
  )
  SELECT count(*)::integer INTO v_folded FROM taken;
  RETURN v_folded;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_insight_counted(disclosures), app_log_insight_changes(), app_fold_insight_changes(integer, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_fold_insight_changes(integer, boolean) TO vawg_app;
