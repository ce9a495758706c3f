-- docs/data-model.md#retention: rejected uploads are kept for a fixed number of days after the
-- upload was refused, dealt with or not, then the daily retention purge deletes them.
--
-- The app role may read and update rejected uploads under row-level security but never delete
-- one; the purge runs as the scheduler (no user, no role), which no policy lets see a row. So it
-- deletes through this narrow function, as app_purge_expired_disclosures() does: the scheduler or
-- an administrator only, whole days of at least one, and it returns what it deleted per
-- organisation for the purge's deletion certificate.
CREATE OR REPLACE FUNCTION app_purge_rejected_uploads(p_days integer)
RETURNS TABLE (purged_org_id uuid, deleted integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF app_role() IS NOT NULL AND app_role() <> 'admin' THEN
    RAISE EXCEPTION 'Only the scheduler or an administrator may purge rejected uploads' USING ERRCODE = '42501';
  END IF;
  IF p_days IS NULL OR p_days < 1 THEN
    RAISE EXCEPTION 'Rejected uploads must be kept at least one day' USING ERRCODE = '22023';
  END IF;
  RETURN QUERY
    WITH gone AS (
      DELETE FROM rejected_uploads r
      WHERE r.created_at <= current_timestamp - make_interval(days => p_days)
      RETURNING r.org_id
    )
    SELECT gone.org_id, count(*)::integer FROM gone GROUP BY gone.org_id ORDER BY gone.org_id;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_purge_rejected_uploads(integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_purge_rejected_uploads(integer) TO vawg_app;
