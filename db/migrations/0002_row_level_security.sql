-- Row-level security: the database enforces lib/access a second time (docs/access.md#row-level-security).
-- The portal connects as vawg_app, which is no superuser, has no
-- BYPASSRLS and owns nothing; db/context.ts names the user, organisation and role of each
-- transaction with set_config(..., true) and switches to vawg_app. Every policy fails closed:
-- without that context a table holding organisation data shows no rows.
--
-- Runs on PostgreSQL 15 and on PGlite. Migrations run as the owner role, which must be a
-- superuser or have BYPASSRLS: the SECURITY DEFINER functions below read across organisations
-- with its rights, and FORCE ROW LEVEL SECURITY binds an owner without them.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'Migrations must run as the owner role, which needs BYPASSRLS (or superuser) for row-level security; % has neither', current_user;
  END IF;
END $$;
--> statement-breakpoint

-- The application role. Roles belong to the whole cluster and test files migrate their own
-- databases in parallel, so a concurrent creation is not an error. Operators give it LOGIN and a
-- password themselves (README, "A real PostgreSQL server").
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vawg_app') THEN
    BEGIN
      CREATE ROLE vawg_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vawg_app' AND (rolsuper OR rolbypassrls)) THEN
    ALTER ROLE vawg_app NOSUPERUSER NOBYPASSRLS;
  END IF;
  -- PUBLIC may usually connect already; a hardened server that revoked it needs this grant,
  -- which only the database's owner can give.
  BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO vawg_app', current_database());
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'Could not grant CONNECT on this database to vawg_app; its owner must.';
  END;
END $$;
--> statement-breakpoint

-- Who the transaction acts for. After a reset a setting reads '' rather than NULL, hence nullif.
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.role', true), '') $$;
--> statement-breakpoint
-- Agreement dates are UK calendar dates; lib/access/visibility.ts uses the same zone.
CREATE FUNCTION app_today() RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT (current_timestamp AT TIME ZONE 'Europe/London')::date $$;
--> statement-breakpoint

-- The DSA access rule (docs/access.md#agreement-access-rule), evaluated when asked, never from a cached
-- status: the agreement is active, its current version signed and in force on the day, and it
-- lists the provider and the recipient. One row per threat area × geography in scope. Internal:
-- vawg_app cannot call it, so it cannot ask about another organisation's grants.
CREATE FUNCTION app_active_grants(p_recipient uuid, p_on date)
RETURNS TABLE (agreement_id uuid, version_id uuid, provider_org_id uuid, threat_area threat_area, granularity granularity, force_area_code varchar, lad_code varchar)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT a.id, v.id, provider.org_id, area.threat_area, area.granularity, geo.force_area_code, geo.lad_code
  FROM agreements a
  JOIN agreement_versions v ON v.id = a.current_version_id AND v.agreement_id = a.id
  JOIN agreement_parties recipient ON recipient.version_id = v.id AND recipient.org_id = p_recipient AND recipient.is_recipient
  JOIN agreement_parties provider ON provider.version_id = v.id AND provider.is_provider
  JOIN agreement_threat_areas area ON area.version_id = v.id
  JOIN agreement_geography geo ON geo.version_id = v.id
  WHERE a.status = 'active' AND v.status = 'signed' AND v.start_date <= p_on AND p_on < v.end_date
$$;
--> statement-breakpoint

-- The finest granularity at which the context's organisation may see a disclosure: through any
-- of its threat areas in scope and its geography (a whole force area, or its local authority).
-- NULL when nothing grants it.
CREATE FUNCTION app_disclosure_grant(p_provider_org uuid, p_disclosure_id uuid, p_force_area text, p_lad text)
RETURNS granularity
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT max(g.granularity)
  FROM app_active_grants(app_org_id(), app_today()) g
  JOIN disclosure_threat_areas dta ON dta.disclosure_id = p_disclosure_id AND dta.threat_area = g.threat_area
  WHERE g.provider_org_id = p_provider_org
    AND g.force_area_code = p_force_area
    AND (g.lad_code IS NULL OR g.lad_code = p_lad)
$$;
--> statement-breakpoint

-- The same for one threat area of a submitted disclosure: a disclosure is shown only for the
-- areas in scope.
CREATE FUNCTION app_threat_area_grant(p_disclosure_id uuid, p_threat_area threat_area)
RETURNS granularity
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT max(g.granularity)
  FROM disclosures d
  JOIN app_active_grants(app_org_id(), app_today()) g
    ON g.provider_org_id = d.org_id
   AND g.threat_area = p_threat_area
   AND g.force_area_code = d.force_area_code
   AND (g.lad_code IS NULL OR g.lad_code = d.lad_code)
  WHERE d.id = p_disclosure_id AND d.status = 'submitted'
$$;
--> statement-breakpoint

-- Whether the context's organisation is a party to any version of an agreement.
CREATE FUNCTION app_is_agreement_party(p_agreement_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT EXISTS (
    SELECT 1 FROM agreement_versions v JOIN agreement_parties p ON p.version_id = v.id
    WHERE v.agreement_id = p_agreement_id AND p.org_id = app_org_id()
  )
$$;
--> statement-breakpoint

-- Whether an organisation shares a (non-draft) agreement with the context's organisation, so
-- that parties can see each other's names.
CREATE FUNCTION app_is_agreement_partner(p_org_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT EXISTS (
    SELECT 1
    FROM agreement_parties mine
    JOIN agreement_parties theirs ON theirs.version_id = mine.version_id
    JOIN agreement_versions v ON v.id = mine.version_id
    JOIN agreements a ON a.id = v.agreement_id
    WHERE mine.org_id = app_org_id() AND theirs.org_id = p_org_id AND a.status <> 'draft'
  )
$$;
--> statement-breakpoint

-- Bearer-token authentication happens before any organisation is known: the live token with
-- this hash, if any, its last use recorded at most once a minute.
CREATE FUNCTION app_authenticate_api_token(p_token_hash text)
RETURNS TABLE (id uuid, org_id uuid, scopes api_token_scope[], created_by uuid, expires_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  UPDATE api_tokens t SET last_used_at = now()
  WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL AND t.expires_at > now()
    AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute');
  RETURN QUERY
    SELECT t.id, t.org_id, t.scopes, t.created_by, t.expires_at FROM api_tokens t
    WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL AND t.expires_at > now();
END
$$;
--> statement-breakpoint

-- An invitation link is opened before its recipient has an account: the live invitation with
-- this token hash, if any.
CREATE FUNCTION app_find_invitation(p_token_hash text)
RETURNS TABLE (id uuid, org_id uuid, email text, role role, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT i.id, i.org_id, i.email, i.role, i.expires_at FROM invitations i
  WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
$$;
--> statement-breakpoint

-- The audit log's last link, for whoever appends the next one. Only auditors may read the log,
-- and vawg_app may not lock the table, so appenders serialise on a transaction advisory lock.
CREATE FUNCTION app_audit_chain_head() RETURNS TABLE (seq bigint, hash text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('vawg.audit_events.chain'));
  RETURN QUERY SELECT e.seq, e.hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
END
$$;
--> statement-breakpoint

-- How many migrations are applied, for the start-up check: vawg_app has no access to the
-- migrator's own schema.
CREATE FUNCTION app_applied_migrations() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT count(*)::integer FROM drizzle.__drizzle_migrations $$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION app_active_grants(uuid, date), app_disclosure_grant(uuid, uuid, text, text),
  app_threat_area_grant(uuid, threat_area), app_is_agreement_party(uuid), app_is_agreement_partner(uuid),
  app_authenticate_api_token(text), app_find_invitation(text), app_audit_chain_head(), app_applied_migrations() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_disclosure_grant(uuid, uuid, text, text), app_threat_area_grant(uuid, threat_area),
  app_is_agreement_party(uuid), app_is_agreement_partner(uuid), app_authenticate_api_token(text),
  app_find_invitation(text), app_audit_chain_head(), app_applied_migrations() TO vawg_app;
--> statement-breakpoint

-- Every table holding organisation data; FORCE binds the owner too.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisation_coverage ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisation_coverage FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE disclosures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE disclosures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE disclosure_threat_areas ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE disclosure_threat_areas FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_parties ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_parties FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_threat_areas ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_threat_areas FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_geography ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_geography FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_fields ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_fields FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_signatures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_signatures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE recorded_crime_returns ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE recorded_crime_returns FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE identity_providers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE identity_providers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint

-- Organisations: members see their own, parties to a shared agreement see each other,
-- admins and auditors see all; admins manage them.
CREATE POLICY organisations_select ON organisations FOR SELECT USING (
  id = app_org_id()
  OR app_role() IN ('admin', 'auditor')
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = organisations.id AND m.user_id = app_user_id())
  OR (app_role() IN ('org_manager', 'analyst', 'viewer') AND app_is_agreement_partner(id))
);
--> statement-breakpoint
CREATE POLICY organisations_admin ON organisations FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint

CREATE POLICY organisation_coverage_select ON organisation_coverage FOR SELECT
  USING (EXISTS (SELECT 1 FROM organisations o WHERE o.id = organisation_coverage.org_id));
--> statement-breakpoint
CREATE POLICY organisation_coverage_admin ON organisation_coverage FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint

-- Memberships: a user always sees their own (sign-in needs it before an organisation is
-- chosen); partner leads manage their organisation's below administrator; admins manage any,
-- except their own (they may not give themselves access to disclosures).
CREATE POLICY memberships_own ON memberships FOR SELECT USING (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY memberships_org_manager_select ON memberships FOR SELECT
  USING (org_id = app_org_id() AND app_role() = 'org_manager');
--> statement-breakpoint
CREATE POLICY memberships_org_manager_insert ON memberships FOR INSERT
  WITH CHECK (org_id = app_org_id() AND app_role() = 'org_manager' AND role NOT IN ('admin', 'auditor'));
--> statement-breakpoint
CREATE POLICY memberships_org_manager_update ON memberships FOR UPDATE
  USING (org_id = app_org_id() AND app_role() = 'org_manager' AND role NOT IN ('admin', 'auditor'))
  WITH CHECK (org_id = app_org_id() AND app_role() = 'org_manager' AND role NOT IN ('admin', 'auditor'));
--> statement-breakpoint
CREATE POLICY memberships_org_manager_delete ON memberships FOR DELETE
  USING (org_id = app_org_id() AND app_role() = 'org_manager' AND role NOT IN ('admin', 'auditor'));
--> statement-breakpoint
CREATE POLICY memberships_admin ON memberships FOR ALL
  USING (app_role() = 'admin')
  WITH CHECK (app_role() = 'admin' AND user_id IS DISTINCT FROM app_user_id());
--> statement-breakpoint
-- Accepting an invitation: the invited user joins with exactly the invited organisation and role.
CREATE POLICY memberships_accept_invitation ON memberships FOR INSERT WITH CHECK (
  user_id = app_user_id()
  AND EXISTS (
    SELECT 1 FROM invitations i JOIN users u ON u.id = app_user_id()
    WHERE i.org_id = memberships.org_id AND i.role = memberships.role AND lower(i.email) = lower(u.email)
      AND i.revoked_at IS NULL AND i.expires_at > now() AND (i.accepted_at IS NULL OR i.accepted_by = app_user_id())
  )
);
--> statement-breakpoint
-- Single sign-on: a user linked to an organisation's enabled provider joins with its default role.
CREATE POLICY memberships_sso_default_role ON memberships FOR INSERT WITH CHECK (
  user_id = app_user_id()
  AND EXISTS (
    SELECT 1 FROM identity_providers p JOIN user_identities ui ON ui.provider_id = p.id AND ui.user_id = app_user_id()
    WHERE p.org_id = memberships.org_id AND p.enabled AND p.default_role = memberships.role
      AND p.default_role NOT IN ('admin', 'auditor')
  )
);
--> statement-breakpoint

-- API tokens: the organisation's partner lead only. Admins have none: a read token would give
-- them the disclosures that separation of duties keeps from them.
CREATE POLICY api_tokens_org_manager ON api_tokens FOR ALL
  USING (org_id = app_org_id() AND app_role() = 'org_manager')
  WITH CHECK (org_id = app_org_id() AND app_role() = 'org_manager');
--> statement-breakpoint

-- Disclosures. The submitting organisation's caseworkers and partner lead see its disclosures,
-- drafts only their author's; analysts of a recipient see submitted ones under record
-- granularity; nobody else sees a row (admins, auditors and viewers included).
CREATE POLICY disclosures_own_org_select ON disclosures FOR SELECT USING (
  org_id = app_org_id() AND app_role() IN ('submitter', 'org_manager')
  AND (status <> 'draft' OR created_by = app_user_id())
);
--> statement-breakpoint
CREATE POLICY disclosures_recipient_select ON disclosures FOR SELECT USING (
  app_role() = 'analyst' AND status = 'submitted'
  AND app_disclosure_grant(org_id, id, force_area_code, lad_code) = 'record'
);
--> statement-breakpoint
CREATE POLICY disclosures_insert ON disclosures FOR INSERT WITH CHECK (
  org_id = app_org_id() AND app_role() IN ('submitter', 'org_manager') AND created_by = app_user_id()
);
--> statement-breakpoint
-- Caseworkers change their own; the partner lead any of the organisation's except others' drafts.
CREATE POLICY disclosures_update ON disclosures FOR UPDATE
  USING (
    org_id = app_org_id() AND app_role() IN ('submitter', 'org_manager')
    AND (created_by = app_user_id() OR (app_role() = 'org_manager' AND status <> 'draft'))
  )
  WITH CHECK (
    org_id = app_org_id() AND app_role() IN ('submitter', 'org_manager')
    AND (created_by = app_user_id() OR (app_role() = 'org_manager' AND status <> 'draft'))
  );
--> statement-breakpoint
CREATE POLICY disclosures_delete_own_draft ON disclosures FOR DELETE USING (
  org_id = app_org_id() AND app_role() IN ('submitter', 'org_manager') AND status = 'draft' AND created_by = app_user_id()
);
--> statement-breakpoint

CREATE POLICY disclosure_threat_areas_own_org_select ON disclosure_threat_areas FOR SELECT USING (
  EXISTS (SELECT 1 FROM disclosures d WHERE d.id = disclosure_threat_areas.disclosure_id AND d.org_id = app_org_id())
);
--> statement-breakpoint
CREATE POLICY disclosure_threat_areas_recipient_select ON disclosure_threat_areas FOR SELECT USING (
  app_role() = 'analyst' AND app_threat_area_grant(disclosure_id, threat_area) = 'record'
);
--> statement-breakpoint
CREATE POLICY disclosure_threat_areas_write ON disclosure_threat_areas FOR ALL
  USING (EXISTS (
    SELECT 1 FROM disclosures d
    WHERE d.id = disclosure_threat_areas.disclosure_id AND d.org_id = app_org_id() AND app_role() IN ('submitter', 'org_manager')
      AND (d.created_by = app_user_id() OR (app_role() = 'org_manager' AND d.status <> 'draft'))
  ))
  WITH CHECK (EXISTS (
    SELECT 1 FROM disclosures d
    WHERE d.id = disclosure_threat_areas.disclosure_id AND d.org_id = app_org_id() AND app_role() IN ('submitter', 'org_manager')
      AND (d.created_by = app_user_id() OR (app_role() = 'org_manager' AND d.status <> 'draft'))
  ));
--> statement-breakpoint

-- Agreements: parties' partner leads, analysts and viewers read the ones they are party to once
-- out of draft; admins and auditors read all; admins manage them; partner leads sign.
CREATE POLICY agreements_select ON agreements FOR SELECT USING (
  app_role() IN ('admin', 'auditor')
  OR (app_role() IN ('org_manager', 'analyst', 'viewer') AND status <> 'draft' AND app_is_agreement_party(id))
);
--> statement-breakpoint
CREATE POLICY agreements_admin ON agreements FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint
CREATE POLICY agreement_versions_select ON agreement_versions FOR SELECT USING (
  EXISTS (SELECT 1 FROM agreements a WHERE a.id = agreement_versions.agreement_id)
  AND (status <> 'draft' OR app_role() IN ('admin', 'auditor'))
);
--> statement-breakpoint
CREATE POLICY agreement_versions_admin ON agreement_versions FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint
CREATE POLICY agreement_parties_select ON agreement_parties FOR SELECT
  USING (EXISTS (SELECT 1 FROM agreement_versions v WHERE v.id = agreement_parties.version_id));
--> statement-breakpoint
CREATE POLICY agreement_parties_admin ON agreement_parties FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint
CREATE POLICY agreement_threat_areas_select ON agreement_threat_areas FOR SELECT
  USING (EXISTS (SELECT 1 FROM agreement_versions v WHERE v.id = agreement_threat_areas.version_id));
--> statement-breakpoint
CREATE POLICY agreement_threat_areas_admin ON agreement_threat_areas FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint
CREATE POLICY agreement_geography_select ON agreement_geography FOR SELECT
  USING (EXISTS (SELECT 1 FROM agreement_versions v WHERE v.id = agreement_geography.version_id));
--> statement-breakpoint
CREATE POLICY agreement_geography_admin ON agreement_geography FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint
CREATE POLICY agreement_fields_select ON agreement_fields FOR SELECT
  USING (EXISTS (SELECT 1 FROM agreement_versions v WHERE v.id = agreement_fields.version_id));
--> statement-breakpoint
CREATE POLICY agreement_fields_admin ON agreement_fields FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint
CREATE POLICY agreement_signatures_select ON agreement_signatures FOR SELECT
  USING (EXISTS (SELECT 1 FROM agreement_versions v WHERE v.id = agreement_signatures.version_id));
--> statement-breakpoint
-- A signature is the signer's own, for their own organisation, on a version awaiting signatures.
-- Nobody, admins included, changes or removes one.
CREATE POLICY agreement_signatures_sign ON agreement_signatures FOR INSERT WITH CHECK (
  app_role() = 'org_manager' AND org_id = app_org_id() AND signed_by = app_user_id()
  AND EXISTS (SELECT 1 FROM agreement_versions v WHERE v.id = agreement_signatures.version_id AND v.status = 'awaiting_signatures')
);
--> statement-breakpoint

-- Recorded-crime returns: the uploading force's members read them and its partner lead writes
-- them; analysts and viewers of any organisation covering the force area read them too (they
-- are counts of crimes, set against partner data).
CREATE POLICY recorded_crime_returns_select ON recorded_crime_returns FOR SELECT USING (
  (org_id = app_org_id() AND app_role() IN ('org_manager', 'analyst', 'viewer'))
  OR (app_role() IN ('analyst', 'viewer') AND EXISTS (
    SELECT 1 FROM organisation_coverage c
    WHERE c.org_id = app_org_id() AND c.force_area_code = recorded_crime_returns.force_area_code
  ))
);
--> statement-breakpoint
CREATE POLICY recorded_crime_returns_org_manager ON recorded_crime_returns FOR ALL
  USING (org_id = app_org_id() AND app_role() = 'org_manager')
  WITH CHECK (org_id = app_org_id() AND app_role() = 'org_manager');
--> statement-breakpoint

-- The audit log: anyone appends (sign-in failures have no context at all); auditors read.
-- vawg_app has no UPDATE, DELETE or TRUNCATE on it at all (grants below).
CREATE POLICY audit_events_append ON audit_events FOR INSERT WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY audit_events_auditor ON audit_events FOR SELECT USING (app_role() = 'auditor');
--> statement-breakpoint

-- Invitations: the partner lead for their organisation below administrator, admins for any;
-- the invited user sees and accepts the ones addressed to them.
CREATE POLICY invitations_org_manager ON invitations FOR ALL
  USING (org_id = app_org_id() AND app_role() = 'org_manager')
  WITH CHECK (org_id = app_org_id() AND app_role() = 'org_manager' AND role NOT IN ('admin', 'auditor'));
--> statement-breakpoint
CREATE POLICY invitations_admin ON invitations FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint
CREATE POLICY invitations_invitee_select ON invitations FOR SELECT USING (
  lower(email) = (SELECT lower(u.email) FROM users u WHERE u.id = app_user_id())
);
--> statement-breakpoint
CREATE POLICY invitations_invitee_accept ON invitations FOR UPDATE
  USING (
    lower(email) = (SELECT lower(u.email) FROM users u WHERE u.id = app_user_id())
    AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
  )
  WITH CHECK (
    lower(email) = (SELECT lower(u.email) FROM users u WHERE u.id = app_user_id()) AND accepted_by = app_user_id()
  );
--> statement-breakpoint

-- Identity providers: the sign-in page lists them before anyone is signed in; admins manage them.
CREATE POLICY identity_providers_select ON identity_providers FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY identity_providers_admin ON identity_providers FOR ALL
  USING (app_role() = 'admin') WITH CHECK (app_role() = 'admin');
--> statement-breakpoint

-- What vawg_app may touch at all. Nothing in the migrator's schema; reference data read-only;
-- the audit log append and read only.
GRANT USAGE ON SCHEMA public TO vawg_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  organisations, organisation_coverage, memberships, api_tokens, disclosures, disclosure_threat_areas,
  agreements, agreement_versions, agreement_parties, agreement_threat_areas, agreement_geography,
  agreement_fields, agreement_signatures, recorded_crime_returns, invitations, identity_providers,
  users, sessions, sign_in_challenges, throttle_counters, recovery_codes, user_identities
  TO vawg_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO vawg_app;
--> statement-breakpoint
GRANT SELECT ON police_force_areas, local_authorities TO vawg_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO vawg_app;
