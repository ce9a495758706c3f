-- docs/security.md#audit-log: the sealer links a transaction's events in one pass.
--
-- The sealer used to run whole for each event at commit: lock the head row, link the event, move
-- the head. A transaction that wrote n events (a bulk upload writes one per disclosure) updated the
-- one head row n times, and each locking read had to walk past every earlier version of that row
-- written by the same transaction, so sealing took time in n²: 16,000 events took 25 s to commit,
-- a 50,000-row upload minutes, with every other audited write in the portal waiting on the head.
-- Now the first call at commit links every event of its transaction that is not yet linked, in
-- insertion order, and moves the head once; the calls for the others find their event linked and
-- return. An event the transaction marker does not name (written with some other value) is still
-- linked by its own call. The chain, its order and its hashes are as before.
--
-- The marker is added without rewriting the table: existing events, all linked, keep it empty.
ALTER TABLE "audit_events" ADD COLUMN "transaction_id" bigint;
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "transaction_id" SET DEFAULT (pg_current_xact_id()::text)::bigint;
--> statement-breakpoint
-- The canonical encoding and the link hash lose their SET search_path, which stopped PostgreSQL
-- inlining them: each link cost fourteen separate function calls, about half a millisecond, in
-- sealing and in verification alike. Nothing else changes: neither is SECURITY DEFINER, both read
-- no table, and the one function they call is named with its schema.
CREATE OR REPLACE FUNCTION audit_canonical_field(p_value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN p_value IS NULL THEN '~' ELSE octet_length(p_value)::text || ':' || p_value END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_link_hash(p_position bigint, p_prev_hash text, e audit_events) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    'vawg-audit-v1',
    public.audit_canonical_field(p_position::text),
    public.audit_canonical_field(p_prev_hash),
    public.audit_canonical_field(e.seq::text),
    public.audit_canonical_field(to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
    public.audit_canonical_field(e.actor_user_id::text),
    public.audit_canonical_field(e.actor_org_id::text),
    public.audit_canonical_field(e.action),
    public.audit_canonical_field(e.outcome::text),
    public.audit_canonical_field(e.subject_type),
    public.audit_canonical_field(e.subject_id),
    public.audit_canonical_field(e.ip_address),
    public.audit_canonical_field(e.details::text),
    CASE WHEN e.request_id IS NULL THEN NULL ELSE public.audit_canonical_field(e.request_id::text) END
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_position bigint;
  v_prev text;
  v_hash text;
  v_event audit_events;
  v_transaction bigint := (pg_current_xact_id()::text)::bigint;
BEGIN
  IF EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_seq = NEW.seq) THEN
    RETURN NULL;
  END IF;
  SELECT h.position, h.hash INTO v_position, v_prev FROM audit_chain_head h WHERE h.singleton FOR UPDATE;
  FOR v_event IN
    SELECT e.* FROM audit_events e
    WHERE e.seq = NEW.seq
       OR (e.seq > NEW.seq
           AND NEW.transaction_id = v_transaction
           AND e.transaction_id = v_transaction
           AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_seq = e.seq))
    ORDER BY e.seq
  LOOP
    v_position := v_position + 1;
    v_hash := audit_link_hash(v_position, v_prev, v_event);
    INSERT INTO audit_chain (position, event_seq, prev_hash, hash) VALUES (v_position, v_event.seq, v_prev, v_hash);
    v_prev := v_hash;
  END LOOP;
  UPDATE audit_chain_head SET position = v_position, hash = v_prev WHERE singleton;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The head now moves once per transaction, past all of its links: it may advance only to a later
-- link, past a run of links without a gap, each naming the hash of the one before it and the first
-- naming the head it leaves.
CREATE OR REPLACE FUNCTION audit_chain_head_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
BEGIN
  IF current_setting('vawg.audit_maintenance', true) = 'on' THEN
    RAISE WARNING '% on % allowed by vawg.audit_maintenance', TG_OP, TG_TABLE_NAME;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.singleton AND NEW.position > OLD.position
    AND EXISTS (SELECT 1 FROM audit_chain c WHERE c.position = NEW.position AND c.hash = NEW.hash)
    AND (SELECT count(*) FROM audit_chain c WHERE c.position > OLD.position AND c.position <= NEW.position) = NEW.position - OLD.position
    AND NOT EXISTS (
      SELECT 1 FROM audit_chain c LEFT JOIN audit_chain before ON before.position = c.position - 1
      WHERE c.position > OLD.position AND c.position <= NEW.position
        AND c.prev_hash IS DISTINCT FROM CASE WHEN c.position = OLD.position + 1 THEN OLD.hash ELSE before.hash END)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head only advances to the next link: % refused', TG_OP
    USING ERRCODE = '42501', HINT = 'Audit events and their chain are never changed or removed (docs/security.md#audit-log).';
END
$$;
