-- docs/insights.md#performance: the insight counts kept and read at national scale.
--
-- The cells a disclosure counts in (app_insight_cells, app_insight_delta) lose their SET
-- search_path, which stopped PostgreSQL inlining them into the statements that call them: the
-- triggers and the rebuild then ran them once per disclosure as separate function calls, about
-- fourteen times slower. Nothing else changes: only their owner may execute them, neither is
-- SECURITY DEFINER, they read no table, and their one caller inside a transaction
-- (app_count_insights, below) fixes the search_path itself.
CREATE OR REPLACE FUNCTION app_insight_cells(d disclosures) RETURNS TABLE (dimension text, value text)
LANGUAGE sql STABLE PARALLEL SAFE
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
CREATE OR REPLACE FUNCTION app_insight_delta(d disclosures, p_sign integer)
RETURNS TABLE (org_id uuid, dimension text, month date, threat_area threat_area, lad_code varchar, value text, force_area_code varchar, n integer, k bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT d.org_id, c.dimension, d.disclosure_month, area, d.lad_code, c.value, d.force_area_code, p_sign, p_sign * d.record_key::bigint
  FROM unnest(d.threat_areas) AS area CROSS JOIN app_insight_cells(d) c
  WHERE d.status = 'submitted' AND d.lad_code IS NOT NULL AND d.disclosure_month IS NOT NULL
$$;
--> statement-breakpoint
-- The counts move once per statement rather than once per row: a statement's changed rows (its
-- transition tables) are netted per cell and upserted together, in key order as before. A bulk
-- upload's threat areas, copied into its disclosures by one UPDATE, used to upsert the same cells
-- once per row inside one transaction, each time past all the earlier versions of the row; now each
-- cell is written once per statement. A count still moves in the same transaction as the change.
CREATE OR REPLACE FUNCTION app_count_insights() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET jit = off
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO insight_counts AS c (org_id, dimension, month, threat_area, lad_code, value, force_area_code, count, record_key_sum)
    SELECT x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value, min(x.force_area_code), sum(x.n)::integer, sum(x.k)
    FROM new_rows d CROSS JOIN LATERAL app_insight_delta(d, 1) x
    GROUP BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
    HAVING sum(x.n) <> 0 OR sum(x.k) <> 0
    ORDER BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
    ON CONFLICT (org_id, dimension, month, threat_area, lad_code, value)
      DO UPDATE SET count = c.count + excluded.count, record_key_sum = c.record_key_sum + excluded.record_key_sum;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO insight_counts AS c (org_id, dimension, month, threat_area, lad_code, value, force_area_code, count, record_key_sum)
    SELECT x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value, min(x.force_area_code), sum(x.n)::integer, sum(x.k)
    FROM (
      SELECT y.* FROM old_rows d CROSS JOIN LATERAL app_insight_delta(d, -1) y
      UNION ALL
      SELECT y.* FROM new_rows d CROSS JOIN LATERAL app_insight_delta(d, 1) y
    ) x
    GROUP BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
    HAVING sum(x.n) <> 0 OR sum(x.k) <> 0
    ORDER BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
    ON CONFLICT (org_id, dimension, month, threat_area, lad_code, value)
      DO UPDATE SET count = c.count + excluded.count, record_key_sum = c.record_key_sum + excluded.record_key_sum;
  ELSE
    INSERT INTO insight_counts AS c (org_id, dimension, month, threat_area, lad_code, value, force_area_code, count, record_key_sum)
    SELECT x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value, min(x.force_area_code), sum(x.n)::integer, sum(x.k)
    FROM old_rows d CROSS JOIN LATERAL app_insight_delta(d, -1) x
    GROUP BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
    HAVING sum(x.n) <> 0 OR sum(x.k) <> 0
    ORDER BY x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
    ON CONFLICT (org_id, dimension, month, threat_area, lad_code, value)
      DO UPDATE SET count = c.count + excluded.count, record_key_sum = c.record_key_sum + excluded.record_key_sum;
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
CREATE TRIGGER disclosures_insights_counted_on_insert AFTER INSERT ON disclosures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_count_insights();
--> statement-breakpoint
CREATE TRIGGER disclosures_insights_counted_on_update AFTER UPDATE ON disclosures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_count_insights();
--> statement-breakpoint
CREATE TRIGGER disclosures_insights_counted_on_delete AFTER DELETE ON disclosures
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_count_insights();
--> statement-breakpoint
-- The counts in a viewer's scope are read from the providers their grants name (or their own
-- organisation), one provider at a time through the primary key (org_id, dimension, month, …),
-- rather than by scanning
-- every provider's cells of those dimensions and months and testing each against the grants. The
-- rule itself, the EXISTS below, is unchanged. JIT compilation is off for it: the planner's cost
-- of the per-cell rule crossed the JIT threshold, and compiling took longer than the whole read.
CREATE OR REPLACE FUNCTION app_insight_counts(
  p_dimensions text[], p_from date, p_to date, p_force_area text, p_lad text,
  p_threat_area threat_area, p_partner_type organisation_type, p_by_month boolean
)
RETURNS TABLE (provider_org_id uuid, provider_type organisation_type, threat_area threat_area, force_area_code varchar,
               month date, dimension text, value text, count bigint, record_key_sum bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off
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
  WITH providers AS (
    SELECT v_org AS org_id WHERE v_role = 'org_manager'
    UNION
    SELECT g.provider_org_id FROM agreement_grants g
    WHERE v_role <> 'org_manager' AND g.recipient_org_id = v_org AND app_in_force(g.start_date, g.end_date)
  ), cells AS (
    SELECT c.org_id, c.threat_area, c.force_area_code, c.lad_code, c.month, c.dimension, c.value, c.count::bigint AS count, c.record_key_sum
    FROM providers p CROSS JOIN LATERAL (
      SELECT * FROM insight_counts c
      WHERE c.org_id = p.org_id AND c.dimension = ANY (p_dimensions) AND c.month BETWEEN p_from AND p_to AND c.count > 0
      OFFSET 0 -- read per provider: kept from being merged into a scan of everyone's cells
    ) c
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
