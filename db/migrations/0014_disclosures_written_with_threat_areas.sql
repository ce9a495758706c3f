-- docs/performance.md: a disclosure is written once, with its threat areas.
--
-- The portal now inserts a disclosure with its threat areas already copied into it, in taxonomy
-- (enum) order, and then their rows. The copy trigger still makes disclosures.threat_areas what
-- disclosure_threat_areas holds, but rewrites only the disclosures whose copy differs: before, it
-- rewrote every disclosure of the statement, so each new disclosure was written twice, its access
-- keys computed twice and its insight counts moved by the second write. Whoever writes a
-- disclosure could always set the column; the trigger still corrects it whenever rows of
-- disclosure_threat_areas change.
--
-- The index of insight_counts by dimension, force area and month goes: since 0011 every read goes
-- through the primary key, and every new cell paid to keep it.
DROP INDEX "insight_counts_dimension_force_area_code_month_index";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_copy_threat_areas() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  UPDATE disclosures d
  SET threat_areas = copy.areas
  FROM (
    SELECT c.id, coalesce(
      (SELECT array_agg(t.threat_area ORDER BY t.threat_area) FROM disclosure_threat_areas t WHERE t.disclosure_id = c.id),
      '{}') AS areas
    FROM (SELECT DISTINCT changed.disclosure_id AS id FROM changed) c
  ) copy
  WHERE d.id = copy.id AND d.threat_areas IS DISTINCT FROM copy.areas;
  RETURN NULL;
END
$$;
