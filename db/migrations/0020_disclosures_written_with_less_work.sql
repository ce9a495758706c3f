DROP INDEX "disclosures_barriers_index";--> statement-breakpoint
DROP INDEX "disclosures_online_platforms_index";--> statement-breakpoint
DROP INDEX "disclosures_perpetrator_other_offending_types_index";--> statement-breakpoint
DROP INDEX "disclosures_referrals_index";--> statement-breakpoint
-- docs/performance.md: a disclosure is written with less work per row.
--
-- The four GIN indexes of list answers go: since 0008 the insights read counted cells, and nothing
-- searches disclosures by barrier, online platform, other offending or referral. Every write paid to
-- keep them.
--
-- A disclosure's record key is looked up only for a later version of a series, which keeps its
-- first version's key; a first version draws its own without searching for earlier ones (the
-- unique series and version means it has none).
CREATE OR REPLACE FUNCTION app_set_record_key() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.record_key IS DISTINCT FROM OLD.record_key THEN
      RAISE EXCEPTION 'A disclosure''s record key is set when it is created and never changes' USING ERRCODE = '55000';
    END IF;
    RETURN NEW;
  END IF;
  NEW.record_key := NULL;
  IF NEW.version > 1 THEN
    NEW.record_key := (SELECT s.record_key FROM disclosures s WHERE s.series_id = NEW.series_id ORDER BY s.version LIMIT 1);
  END IF;
  NEW.record_key := coalesce(NEW.record_key, floor(random() * 256)::smallint);
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- The access keys, as before (provider × place × threat area, by place and then threat area in the
-- enum's order), built in PL/pgSQL's own expressions rather than a query per row. Threat areas
-- arrive in the enum's order (the copy from disclosure_threat_areas keeps them so); any other order
-- is sorted first.
CREATE OR REPLACE FUNCTION app_fill_access_keys() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
DECLARE
  v_areas threat_area[] := coalesce(NEW.threat_areas, '{}');
  v_places text[] := '{}';
  v_keys text[] := '{}';
  v_place text;
  v_area threat_area;
BEGIN
  FOR i IN 2 .. cardinality(v_areas) LOOP
    IF v_areas[i] < v_areas[i - 1] THEN
      v_areas := ARRAY(SELECT a FROM unnest(v_areas) AS a ORDER BY a);
      EXIT;
    END IF;
  END LOOP;
  IF NEW.force_area_code IS NOT NULL THEN v_places := v_places || NEW.force_area_code; END IF;
  IF NEW.lad_code IS NOT NULL THEN
    v_places := CASE WHEN cardinality(v_places) = 1 AND NEW.lad_code < v_places[1]
      THEN NEW.lad_code || v_places ELSE v_places || NEW.lad_code END;
  END IF;
  FOREACH v_place IN ARRAY v_places LOOP
    FOREACH v_area IN ARRAY v_areas LOOP
      v_keys := v_keys || app_access_key(NEW.org_id, v_place, v_area);
    END LOOP;
  END LOOP;
  NEW.access_keys := v_keys;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- The change log computes each row's counted JSON once. Before, the planner inlined
-- app_insight_counted into both the filter and the output, and built every row's JSON twice (and
-- an update's four times).
CREATE OR REPLACE FUNCTION app_log_insight_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO insight_changes (sign, disclosure)
    SELECT 1, c.counted FROM (SELECT app_insight_counted(n) AS counted FROM new_rows n OFFSET 0) c WHERE c.counted IS NOT NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO insight_changes (sign, disclosure)
    SELECT s.sign, s.counted
    FROM (SELECT o.id, app_insight_counted(o) AS counted FROM old_rows o OFFSET 0) o
    JOIN (SELECT n.id, app_insight_counted(n) AS counted FROM new_rows n OFFSET 0) n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (-1, o.counted), (1, n.counted)) AS s(sign, counted)
    WHERE o.counted IS DISTINCT FROM n.counted AND s.counted IS NOT NULL;
  ELSE
    INSERT INTO insight_changes (sign, disclosure)
    SELECT -1, c.counted FROM (SELECT app_insight_counted(o) AS counted FROM old_rows o OFFSET 0) c WHERE c.counted IS NOT NULL;
  END IF;
  RETURN NULL;
END
$$;
