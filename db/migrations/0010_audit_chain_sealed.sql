-- The tamper-evident audit log (docs/security.md#audit-log): every committed event gets the next
-- gap-free chain position and a SHA-256 over its canonical content and the previous link's hash,
-- sealed at commit time; nobody changes or removes an event or a link.

-- The previous head function belonged to a chain computed at insert time; the sealer replaces it.
DROP FUNCTION app_audit_chain_head();
--> statement-breakpoint

-- One field of the canonical encoding: NULL is "~", a value is its length in UTF-8 bytes, a
-- colon and the value, so no value can pass for another or for two. lib/audit/chain.ts encodes
-- the same way.
CREATE FUNCTION audit_canonical_field(p_value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = public, pg_temp
AS $$ SELECT CASE WHEN p_value IS NULL THEN '~' ELSE octet_length(p_value)::text || ':' || p_value END $$;
--> statement-breakpoint

-- The hash of a link: SHA-256 (hex) over the version tag, the position, the previous hash and the
-- event's fields in a fixed order, each as above, joined by "|". Times are UTC to the microsecond;
-- details are jsonb's own text, whose key order and spacing are fixed.
CREATE FUNCTION audit_link_hash(p_position bigint, p_prev_hash text, e audit_events) RETURNS text
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
    audit_canonical_field(e.details::text)
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint

ALTER TABLE audit_chain ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_chain FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_chain_head ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_chain_head FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The sealer and the functions below run as the owner.
CREATE POLICY audit_chain_sealer ON audit_chain FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY audit_chain_head_sealer ON audit_chain_head FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY audit_events_owner_select ON audit_events FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
CREATE POLICY audit_chain_auditor ON audit_chain FOR SELECT USING (app_role() = 'auditor');
--> statement-breakpoint
CREATE POLICY audit_chain_head_auditor ON audit_chain_head FOR SELECT USING (app_role() = 'auditor');
--> statement-breakpoint
GRANT SELECT ON audit_chain, audit_chain_head TO vawg_app;
--> statement-breakpoint

-- Events already written are sealed in the order they were inserted, from the genesis hash.
INSERT INTO audit_chain_head (singleton, position, hash) VALUES (true, 0, repeat('0', 64));
--> statement-breakpoint
DO $$
DECLARE
  v_event audit_events;
  v_position bigint := 0;
  v_hash text := repeat('0', 64);
  v_next text;
BEGIN
  FOR v_event IN SELECT * FROM audit_events ORDER BY seq LOOP
    v_position := v_position + 1;
    v_next := audit_link_hash(v_position, v_hash, v_event);
    INSERT INTO audit_chain (position, event_seq, prev_hash, hash) VALUES (v_position, v_event.seq, v_hash, v_next);
    v_hash := v_next;
  END LOOP;
  UPDATE audit_chain_head SET position = v_position, hash = v_hash;
END $$;
--> statement-breakpoint

-- The sealer. An insert only appends the event (inserts never wait for each other); at commit
-- this deferred trigger takes the head row's lock, links each of the transaction's events in
-- insert order and moves the head. The lock is held from there to the end of the commit, so
-- chain order is commit order and positions have no gaps: a transaction that rolls back, or
-- fails at commit, takes its events and its links with it. Under READ COMMITTED the locking
-- read sees the head the previous committer left; a REPEATABLE READ transaction that lost the
-- race fails with 40001 instead of forking the chain.
CREATE FUNCTION audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_position bigint;
  v_prev text;
  v_hash text;
BEGIN
  SELECT h.position, h.hash INTO v_position, v_prev FROM audit_chain_head h WHERE h.singleton FOR UPDATE;
  v_position := v_position + 1;
  v_hash := audit_link_hash(v_position, v_prev, NEW);
  INSERT INTO audit_chain (position, event_seq, prev_hash, hash) VALUES (v_position, NEW.seq, v_prev, v_hash);
  UPDATE audit_chain_head SET position = v_position, hash = v_hash WHERE singleton;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_seal AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_seal();
--> statement-breakpoint

-- The second wall (the first: vawg_app holds no UPDATE, DELETE or TRUNCATE on these tables).
-- Even the owner is refused, unless a maintenance transaction says so out loud:
--   BEGIN; SET LOCAL vawg.audit_maintenance = 'on'; …; COMMIT;
-- which is for repairs an auditor has agreed, and which verification will then report.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
BEGIN
  IF current_setting('vawg.audit_maintenance', true) = 'on' THEN
    RAISE WARNING '% on % allowed by vawg.audit_maintenance', TG_OP, TG_TABLE_NAME;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = '42501', HINT = 'Audit events and their chain are never changed or removed (docs/security.md#audit-log).';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint

-- The head only ever advances by one, to the link just written after it.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
BEGIN
  IF current_setting('vawg.audit_maintenance', true) = 'on' THEN
    RAISE WARNING '% on % allowed by vawg.audit_maintenance', TG_OP, TG_TABLE_NAME;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.singleton AND NEW.position = OLD.position + 1 AND EXISTS (
    SELECT 1 FROM audit_chain c WHERE c.position = NEW.position AND c.hash = NEW.hash AND c.prev_hash = OLD.hash
  ) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head only advances to the next link: % refused', TG_OP
    USING ERRCODE = '42501', HINT = 'Audit events and their chain are never changed or removed (docs/security.md#audit-log).';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_advances BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
--> statement-breakpoint

-- A batch of links after a position, with each event's fields as the hash encodes them, for
-- verification in bounded memory (lib/audit/verify.ts). Auditors, and the scheduler (no role).
CREATE FUNCTION app_audit_chain_links(p_after bigint, p_limit integer)
RETURNS TABLE (
  link_position bigint, event_seq bigint, prev_hash text, hash text, event_found boolean,
  occurred_at text, actor_user_id text, actor_org_id text, action text, outcome text,
  subject_type text, subject_id text, ip_address text, details text
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
      e.subject_type, e.subject_id, e.ip_address, e.details::text
    FROM audit_chain c LEFT JOIN audit_events e ON e.seq = c.event_seq
    WHERE c.position > p_after
    ORDER BY c.position
    LIMIT least(greatest(p_limit, 1), 5000);
END
$$;
--> statement-breakpoint

-- The head, how many events there are, and the first event no link seals (there should be
-- none: every commit seals its events), for the end of a verification.
CREATE FUNCTION app_audit_chain_state()
RETURNS TABLE (head_position bigint, head_hash text, events bigint, first_unsealed bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF app_role() IS NOT NULL AND app_role() <> 'auditor' THEN
    RAISE EXCEPTION 'Only auditors and the scheduler verify the audit chain' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT h.position, h.hash,
      (SELECT count(*) FROM audit_events),
      (SELECT min(e.seq) FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_seq = e.seq))
    FROM audit_chain_head h WHERE h.singleton;
END
$$;
--> statement-breakpoint

-- For a partner lead: who in other organisations read or exported their organisation's shared
-- disclosures, newest first, a page before an event number. Only the lead's own organisation's
-- share of each event leaves this function: the count of its records and the agreements they
-- were shared under, never other providers' ids or the event's other details.
CREATE FUNCTION app_organisation_access_log(p_before bigint, p_limit integer)
RETURNS TABLE (
  seq bigint, occurred_at timestamptz, action text, actor_user_id uuid, actor_name text,
  actor_org_id uuid, actor_org_name text, records integer, agreement_ids text[]
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF app_role() IS DISTINCT FROM 'org_manager' OR app_org_id() IS NULL THEN
    RAISE EXCEPTION 'Only a partner lead sees who accessed their organisation''s data' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT e.seq, e.occurred_at, e.action, e.actor_user_id, u.display_name, e.actor_org_id, o.name,
      coalesce((e.details -> 'providers' -> app_org_id()::text ->> 'count')::integer, 0),
      coalesce(ARRAY(SELECT jsonb_array_elements_text(e.details -> 'providers' -> app_org_id()::text -> 'agreements')), '{}')
    FROM audit_events e
    LEFT JOIN users u ON u.id = e.actor_user_id
    LEFT JOIN organisations o ON o.id = e.actor_org_id
    WHERE e.action IN ('shared_disclosure.viewed', 'shared_disclosures.listed', 'shared_disclosures.exported')
      AND e.details -> 'providers' ? app_org_id()::text
      AND (p_before IS NULL OR e.seq < p_before)
    ORDER BY e.seq DESC
    LIMIT least(greatest(p_limit, 1), 200);
END
$$;
--> statement-breakpoint

-- The active auditors, for the scheduled verification's alert: the scheduler alone asks.
CREATE FUNCTION app_audit_alert_recipients() RETURNS TABLE (email text, display_name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF app_role() IS NOT NULL THEN
    RAISE EXCEPTION 'Only the scheduler asks whom to alert' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT DISTINCT u.email, u.display_name FROM users u
    JOIN memberships m ON m.user_id = u.id AND m.role = 'auditor'
    JOIN organisations o ON o.id = m.org_id AND o.status = 'active'
    WHERE u.status = 'active'
    ORDER BY u.email;
END
$$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION app_audit_chain_links(bigint, integer), app_audit_chain_state(),
  app_organisation_access_log(bigint, integer), app_audit_alert_recipients() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_audit_chain_links(bigint, integer), app_audit_chain_state(),
  app_organisation_access_log(bigint, integer), app_audit_alert_recipients() TO vawg_app;
