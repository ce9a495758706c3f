CREATE TABLE "audit_chain_anchors" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_chain_anchors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"position" bigint NOT NULL,
	"hash" text NOT NULL,
	"anchored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_chain_anchors_position_positive" CHECK ("audit_chain_anchors"."position" >= 1)
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "request_id" uuid;--> statement-breakpoint

-- Each event names the request it came from. The request id is hashed after the other fields, and
-- only when there is one, so every link sealed before it existed still verifies (concat_ws skips
-- a NULL). lib/audit/chain.ts encodes the same way.
CREATE OR REPLACE FUNCTION audit_link_hash(p_position bigint, p_prev_hash text, e audit_events) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = public, pg_temp
AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    'vawg-audit-v1',
    audit_canonical_field(p_position::text),
    audit_canonical_field(p_prev_hash),
    audit_canonical_field(e.seq::text),
    audit_canonical_field(to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
    audit_canonical_field(e.actor_user_id::text),
    audit_canonical_field(e.actor_org_id::text),
    audit_canonical_field(e.action),
    audit_canonical_field(e.outcome::text),
    audit_canonical_field(e.subject_type),
    audit_canonical_field(e.subject_id),
    audit_canonical_field(e.ip_address),
    audit_canonical_field(e.details::text),
    CASE WHEN e.request_id IS NULL THEN NULL ELSE audit_canonical_field(e.request_id::text) END
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint

-- Only a real IP address is stored (the writer drops anything else); the database refuses the rest.
ALTER TABLE audit_events ADD CONSTRAINT audit_events_ip_address_is_inet
  CHECK (ip_address IS NULL OR CASE WHEN ip_address ~ '^[0-9A-Fa-f:.]{2,45}$' THEN ip_address::inet IS NOT NULL ELSE false END) NOT VALID;
--> statement-breakpoint

DROP FUNCTION app_audit_chain_links(bigint, integer);
--> statement-breakpoint
CREATE FUNCTION app_audit_chain_links(p_after bigint, p_limit integer)
RETURNS TABLE (
  link_position bigint, event_seq bigint, prev_hash text, hash text, event_found boolean,
  occurred_at text, actor_user_id text, actor_org_id text, action text, outcome text,
  subject_type text, subject_id text, ip_address text, details text, request_id text
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF app_role() IS NOT NULL AND app_role() <> 'auditor' THEN
    RAISE EXCEPTION 'Only auditors and the scheduler verify the audit chain' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT c.position, c.event_seq, c.prev_hash, c.hash, e.seq IS NOT NULL,
      to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      e.actor_user_id::text, e.actor_org_id::text, e.action, e.outcome::text,
      e.subject_type, e.subject_id, e.ip_address, e.details::text, e.request_id::text
    FROM audit_chain c LEFT JOIN audit_events e ON e.seq = c.event_seq
    WHERE c.position > p_after
    ORDER BY c.position
    LIMIT least(greatest(p_limit, 1), 5000);
END
$$;
--> statement-breakpoint

-- Anchors: the app role neither reads nor writes the table; the two functions below do, as the owner.
ALTER TABLE audit_chain_anchors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_chain_anchors FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_chain_anchors_owner ON audit_chain_anchors FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
REVOKE ALL ON audit_chain_anchors FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER audit_chain_anchors_append_only BEFORE UPDATE OR DELETE ON audit_chain_anchors
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_anchors_no_truncate BEFORE TRUNCATE ON audit_chain_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint

-- Anchors a link that verification has just found sound: its position and hash must be the
-- chain's own, and an anchor never goes backwards. The scheduler (no role) and auditors only.
CREATE FUNCTION app_audit_anchor(p_position bigint, p_hash text)
RETURNS TABLE (anchor_position bigint, anchor_hash text, anchored_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF app_role() IS NOT NULL AND app_role() <> 'auditor' THEN
    RAISE EXCEPTION 'Only auditors and the scheduler anchor the audit chain' USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.position = p_position AND c.hash = p_hash) THEN
    RAISE EXCEPTION 'Link % with that hash is not in the audit chain', p_position USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM audit_chain_anchors a WHERE a.position > p_position) THEN
    RAISE EXCEPTION 'The audit chain is already anchored beyond link %', p_position USING ERRCODE = '22023';
  END IF;
  RETURN QUERY
    INSERT INTO audit_chain_anchors (position, hash) VALUES (p_position, p_hash)
    RETURNING audit_chain_anchors.position, audit_chain_anchors.hash, audit_chain_anchors.anchored_at;
END
$$;
--> statement-breakpoint

-- The furthest anchor, for verification to hold the chain to.
CREATE FUNCTION app_audit_last_anchor()
RETURNS TABLE (anchor_position bigint, anchor_hash text, anchored_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF app_role() IS NOT NULL AND app_role() <> 'auditor' THEN
    RAISE EXCEPTION 'Only auditors and the scheduler verify the audit chain' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT a.position, a.hash, a.anchored_at FROM audit_chain_anchors a ORDER BY a.position DESC, a.id DESC LIMIT 1;
END
$$;
--> statement-breakpoint

-- The latest verification's verdict, for the alert on administrators' and auditors' dashboards:
-- administrators read no audit event, so only the verdict and the break's own sentence leave here.
CREATE FUNCTION app_audit_chain_alert()
RETURNS TABLE (verified_at timestamptz, intact boolean, message text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF app_role() IS NULL OR app_role() NOT IN ('admin', 'auditor') THEN
    RAISE EXCEPTION 'Only administrators and auditors see the audit chain''s alert' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT e.occurred_at, e.action = 'audit.verified', e.details -> 'broken' ->> 'message'
    FROM audit_events e
    WHERE e.action IN ('audit.verified', 'audit.chain_broken')
    ORDER BY e.seq DESC
    LIMIT 1;
END
$$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION app_audit_chain_links(bigint, integer), app_audit_anchor(bigint, text), app_audit_last_anchor(), app_audit_chain_alert() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_audit_chain_links(bigint, integer), app_audit_anchor(bigint, text), app_audit_last_anchor(), app_audit_chain_alert() TO vawg_app;
