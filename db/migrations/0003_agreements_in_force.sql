ALTER TYPE "public"."agreement_version_status" ADD VALUE 'withdrawn';--> statement-breakpoint
CREATE TABLE "agreement_grants" (
	"agreement_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"recipient_org_id" uuid NOT NULL,
	"provider_org_id" uuid NOT NULL,
	"threat_area" "threat_area" NOT NULL,
	"granularity" "granularity" NOT NULL,
	"force_area_code" varchar(9) NOT NULL,
	"lad_code" varchar(9),
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	CONSTRAINT "agreement_grants_versionId_recipientOrgId_providerOrgId_threatArea_forceAreaCode_ladCode_unique" UNIQUE NULLS NOT DISTINCT("version_id","recipient_org_id","provider_org_id","threat_area","force_area_code","lad_code")
);
--> statement-breakpoint
ALTER TABLE "disclosures" ADD COLUMN "threat_areas" "threat_area"[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures" ADD COLUMN "access_keys" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD COLUMN "contact_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD COLUMN "contact_email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD COLUMN "signer_name" text;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD COLUMN "signer_title" text;--> statement-breakpoint
-- Signatures given before names and titles were recorded: the signer's account name, title unknown.
UPDATE "agreement_signatures" s SET "signer_name" = u.display_name, "signer_title" = 'Not recorded'
  FROM "users" u WHERE u.id = s.signed_by;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ALTER COLUMN "signer_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ALTER COLUMN "signer_title" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD COLUMN "terms_sha256" varchar(64);--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD COLUMN "security_conditions" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD COLUMN "onward_sharing" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD COLUMN "sent_for_signature_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "expired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "agreement_grants" ADD CONSTRAINT "agreement_grants_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_grants" ADD CONSTRAINT "agreement_grants_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_grants" ADD CONSTRAINT "agreement_grants_recipient_org_id_organisations_id_fk" FOREIGN KEY ("recipient_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_grants" ADD CONSTRAINT "agreement_grants_provider_org_id_organisations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_grants_recipient_org_id_provider_org_id_force_area_code_index" ON "agreement_grants" USING btree ("recipient_org_id","provider_org_id","force_area_code");--> statement-breakpoint
CREATE INDEX "disclosures_submitted_newest" ON "disclosures" USING btree ("submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_sha256_hex" CHECK ("agreement_signatures"."terms_sha256" ~ '^[0-9a-f]{64}$');--> statement-breakpoint

-- docs/access.md#agreement-access-rule: the rule as rows and keys the planner can use.
--
-- An access key names what an agreement must grant for a record to be seen: provider, place (a
-- force area or a local authority) and threat area. A disclosure carries the keys of each of its
-- threat areas for both its force area and its local authority; a recipient's record grants give
-- the keys it holds. The recipient policy is then one array overlap against keys computed once per
-- statement, microseconds per row, where a lookup per row costs tens.
CREATE FUNCTION app_access_key(p_provider uuid, p_place text, p_threat_area threat_area) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT p_provider::text || ':' || p_place || ':' || p_threat_area::text $$;
--> statement-breakpoint
CREATE FUNCTION app_fill_access_keys() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
BEGIN
  NEW.access_keys := coalesce(
    (SELECT array_agg(app_access_key(NEW.org_id, place, area) ORDER BY place, area)
     FROM unnest(NEW.threat_areas) AS area
     CROSS JOIN unnest(ARRAY[NEW.force_area_code, NEW.lad_code]::text[]) AS place
     WHERE place IS NOT NULL),
    '{}');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER disclosures_access_keys_filled BEFORE INSERT OR UPDATE OF org_id, force_area_code, lad_code, threat_areas
  ON disclosures FOR EACH ROW EXECUTE FUNCTION app_fill_access_keys();
--> statement-breakpoint
-- The threat areas themselves are rows of disclosure_threat_areas, copied into the disclosure.
CREATE FUNCTION app_copy_threat_areas() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  UPDATE disclosures d
  SET threat_areas = coalesce(
    (SELECT array_agg(t.threat_area ORDER BY t.threat_area) FROM disclosure_threat_areas t WHERE t.disclosure_id = d.id),
    '{}')
  WHERE d.id IN (SELECT changed.disclosure_id FROM changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER disclosure_threat_areas_copied_on_insert AFTER INSERT ON disclosure_threat_areas
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION app_copy_threat_areas();
--> statement-breakpoint
CREATE TRIGGER disclosure_threat_areas_copied_on_update AFTER UPDATE ON disclosure_threat_areas
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION app_copy_threat_areas();
--> statement-breakpoint
CREATE TRIGGER disclosure_threat_areas_copied_on_delete AFTER DELETE ON disclosure_threat_areas
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION app_copy_threat_areas();
--> statement-breakpoint
UPDATE disclosures d SET threat_areas = areas.list
FROM (SELECT disclosure_id, array_agg(threat_area ORDER BY threat_area) AS list FROM disclosure_threat_areas GROUP BY disclosure_id) areas
WHERE areas.disclosure_id = d.id;
--> statement-breakpoint

-- The grants of an agreement follow its status and current version in the same transaction:
-- while it is active, one row per recipient × provider × threat area × geography of the current
-- (signed) version; otherwise none. Suspension, termination and expiry take effect at commit.
CREATE FUNCTION app_sync_agreement_grants() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM agreement_grants WHERE agreement_id = NEW.id;
  IF NEW.status = 'active' AND NEW.current_version_id IS NOT NULL THEN
    INSERT INTO agreement_grants (agreement_id, version_id, recipient_org_id, provider_org_id, threat_area, granularity,
                                  force_area_code, lad_code, start_date, end_date)
    SELECT NEW.id, v.id, recipient.org_id, provider.org_id, area.threat_area, area.granularity,
           geo.force_area_code, geo.lad_code, v.start_date, v.end_date
    FROM agreement_versions v
    JOIN agreement_parties recipient ON recipient.version_id = v.id AND recipient.is_recipient
    JOIN agreement_parties provider ON provider.version_id = v.id AND provider.is_provider
    JOIN agreement_threat_areas area ON area.version_id = v.id
    JOIN agreement_geography geo ON geo.version_id = v.id
    WHERE v.id = NEW.current_version_id AND v.agreement_id = NEW.id AND v.status = 'signed';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER agreements_grants_follow_status AFTER INSERT OR UPDATE OF status, current_version_id ON agreements
  FOR EACH ROW EXECUTE FUNCTION app_sync_agreement_grants();
--> statement-breakpoint
UPDATE agreements SET status = status;
--> statement-breakpoint

-- Whether a grant's version is in force today (UK calendar day): from its start date, up to but
-- not including its end date. Plain SQL, so the planner inlines it into the policies below.
CREATE FUNCTION app_in_force(p_start date, p_end date) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT p_start <= app_today() AND app_today() < p_end $$;
--> statement-breakpoint
-- The access keys the context's organisation holds today at record granularity, as a recipient
-- analyst; none for anyone else. Runs as the caller, under agreement_grants' own policy.
CREATE FUNCTION app_record_access_keys() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(app_access_key(g.provider_org_id, coalesce(g.lad_code, g.force_area_code), g.threat_area)), '{}')
  FROM agreement_grants g
  WHERE app_role() = 'analyst' AND g.recipient_org_id = app_org_id() AND g.granularity = 'record'
    AND app_in_force(g.start_date, g.end_date)
$$;
--> statement-breakpoint

-- Terms once sent for signature are what parties sign: they never change. Only a version's
-- status and the moments it moved may be updated, and a sent version's parties, threat areas,
-- geography and fields are fixed. A draft agreement with no signature on record may be deleted.
CREATE FUNCTION app_refuse_changed_terms() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('awaiting_signatures', 'signed', 'superseded') THEN
      RAISE EXCEPTION 'Version % has been sent for signature and cannot be deleted', OLD.version USING ERRCODE = '55000';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
    (OLD.agreement_id, OLD.version, OLD.purpose, OLD.processing_regime, OLD.article6_basis, OLD.article9_condition,
     OLD.dpa_condition, OLD.disclosure_threshold, OLD.round_to_base5, OLD.retention_months, OLD.start_date,
     OLD.end_date, OLD.review_date, OLD.security_conditions, OLD.onward_sharing)
    IS DISTINCT FROM
    (NEW.agreement_id, NEW.version, NEW.purpose, NEW.processing_regime, NEW.article6_basis, NEW.article9_condition,
     NEW.dpa_condition, NEW.disclosure_threshold, NEW.round_to_base5, NEW.retention_months, NEW.start_date,
     NEW.end_date, NEW.review_date, NEW.security_conditions, NEW.onward_sharing)
  ) THEN
    RAISE EXCEPTION 'The terms of version % have been sent for signature and cannot change', OLD.version
      USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER agreement_versions_terms_fixed BEFORE UPDATE OR DELETE ON agreement_versions
  FOR EACH ROW EXECUTE FUNCTION app_refuse_changed_terms();
--> statement-breakpoint
CREATE FUNCTION app_refuse_changed_scope() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_versions uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_versions := ARRAY[NEW.version_id];
  ELSIF TG_OP = 'DELETE' THEN
    v_versions := ARRAY[OLD.version_id];
  ELSE
    v_versions := ARRAY[OLD.version_id, NEW.version_id];
  END IF;
  IF EXISTS (SELECT 1 FROM agreement_versions v WHERE v.id = ANY (v_versions) AND v.status <> 'draft') THEN
    RAISE EXCEPTION 'The terms of this version have been sent for signature and cannot change' USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER agreement_parties_terms_fixed BEFORE INSERT OR UPDATE OR DELETE ON agreement_parties
  FOR EACH ROW EXECUTE FUNCTION app_refuse_changed_scope();
--> statement-breakpoint
CREATE TRIGGER agreement_threat_areas_terms_fixed BEFORE INSERT OR UPDATE OR DELETE ON agreement_threat_areas
  FOR EACH ROW EXECUTE FUNCTION app_refuse_changed_scope();
--> statement-breakpoint
CREATE TRIGGER agreement_geography_terms_fixed BEFORE INSERT OR UPDATE OR DELETE ON agreement_geography
  FOR EACH ROW EXECUTE FUNCTION app_refuse_changed_scope();
--> statement-breakpoint
CREATE TRIGGER agreement_fields_terms_fixed BEFORE INSERT OR UPDATE OR DELETE ON agreement_fields
  FOR EACH ROW EXECUTE FUNCTION app_refuse_changed_scope();
--> statement-breakpoint
CREATE FUNCTION app_refuse_agreement_deletion() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF OLD.status <> 'draft' OR EXISTS (
    SELECT 1 FROM agreement_signatures s JOIN agreement_versions v ON v.id = s.version_id WHERE v.agreement_id = OLD.id
  ) THEN
    RAISE EXCEPTION 'Agreement % has been sent for signature and cannot be deleted', OLD.reference USING ERRCODE = '55000';
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER agreements_kept_once_sent BEFORE DELETE ON agreements
  FOR EACH ROW EXECUTE FUNCTION app_refuse_agreement_deletion();
--> statement-breakpoint

-- When the last party signs, the version's terms take over: the previous version is superseded
-- and the agreement becomes active (a suspended one stays suspended). Partner leads may not
-- update agreements, so this narrow function does it for them, re-checking everything: the
-- caller is a partner lead of a party (or an administrator), the version awaits signatures and
-- every party has signed. Returns the agreement's status afterwards, or NULL while signatures
-- are still awaited.
CREATE FUNCTION app_complete_agreement_version(p_version_id uuid) RETURNS agreement_status
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_version agreement_versions%ROWTYPE;
  v_agreement agreements%ROWTYPE;
  v_status agreement_status;
BEGIN
  IF app_role() IS NULL OR app_role() NOT IN ('org_manager', 'admin') THEN
    RAISE EXCEPTION 'Only a partner lead or an administrator may complete an agreement version' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO v_version FROM agreement_versions WHERE id = p_version_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No such agreement version' USING ERRCODE = '55000';
  END IF;
  IF app_role() = 'org_manager' AND NOT EXISTS (
    SELECT 1 FROM agreement_parties p WHERE p.version_id = p_version_id AND p.org_id = app_org_id()
  ) THEN
    RAISE EXCEPTION 'Your organisation is not a party to this agreement' USING ERRCODE = '42501';
  END IF;
  IF v_version.status <> 'awaiting_signatures' THEN
    RAISE EXCEPTION 'Version % is not awaiting signatures', v_version.version USING ERRCODE = '55000';
  END IF;
  IF EXISTS (
    SELECT 1 FROM agreement_parties p
    WHERE p.version_id = p_version_id
      AND NOT EXISTS (SELECT 1 FROM agreement_signatures s WHERE s.version_id = p.version_id AND s.org_id = p.org_id)
  ) THEN
    RETURN NULL;
  END IF;
  SELECT * INTO v_agreement FROM agreements WHERE id = v_version.agreement_id FOR UPDATE;
  IF v_agreement.status NOT IN ('awaiting_signatures', 'active', 'suspended') THEN
    RAISE EXCEPTION 'Agreement % is % and cannot take new terms', v_agreement.reference, v_agreement.status USING ERRCODE = '55000';
  END IF;
  UPDATE agreement_versions SET status = 'superseded' WHERE id = v_agreement.current_version_id;
  UPDATE agreement_versions SET status = 'signed', signed_at = now() WHERE id = p_version_id;
  v_status := CASE WHEN v_agreement.status = 'suspended' THEN 'suspended'::agreement_status ELSE 'active'::agreement_status END;
  UPDATE agreements SET current_version_id = p_version_id, status = v_status, updated_at = now() WHERE id = v_agreement.id;
  RETURN v_status;
END
$$;
--> statement-breakpoint

-- Agreements whose current version's end date has come (UK day) are expired, active or
-- suspended alike. Access has already ended at the end date (agreement_grants keeps the dates);
-- this records it. Run by the scheduled job (no user) or an administrator; returns what expired.
CREATE FUNCTION app_expire_agreements() RETURNS TABLE (agreement_id uuid, reference text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  IF app_role() IS NOT NULL AND app_role() <> 'admin' THEN
    RAISE EXCEPTION 'Only the scheduler or an administrator may expire agreements' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    UPDATE agreements a SET status = 'expired', expired_at = now(), updated_at = now()
    FROM agreement_versions v
    WHERE v.id = a.current_version_id AND a.status IN ('active', 'suspended') AND v.end_date <= app_today()
    RETURNING a.id, a.reference;
END
$$;
--> statement-breakpoint

-- The recipient policies become plain joins on agreement_grants (docs/access.md#agreement-access-rule).
DROP POLICY disclosures_recipient_select ON disclosures;
--> statement-breakpoint
DROP POLICY disclosure_threat_areas_recipient_select ON disclosure_threat_areas;
--> statement-breakpoint
DROP FUNCTION app_threat_area_grant(uuid, threat_area);
--> statement-breakpoint
DROP FUNCTION app_disclosure_grant(uuid, uuid, text, text);
--> statement-breakpoint
DROP FUNCTION app_active_grants(uuid, date);
--> statement-breakpoint
-- (SELECT …) makes the recipient's keys an init plan: computed once per statement, not per row.
CREATE POLICY disclosures_recipient_select ON disclosures FOR SELECT USING (
  app_role() = 'analyst' AND status = 'submitted' AND access_keys && (SELECT app_record_access_keys())
);
--> statement-breakpoint
-- A disclosure tagged with several threat areas is shown only for the areas in scope.
CREATE POLICY disclosure_threat_areas_recipient_select ON disclosure_threat_areas FOR SELECT USING (
  app_role() = 'analyst'
  AND EXISTS (
    SELECT 1 FROM disclosures d
    WHERE d.id = disclosure_threat_areas.disclosure_id AND d.status = 'submitted'
      AND ARRAY[app_access_key(d.org_id, d.force_area_code, disclosure_threat_areas.threat_area),
                app_access_key(d.org_id, d.lad_code, disclosure_threat_areas.threat_area)]
          && (SELECT app_record_access_keys())
  )
);
--> statement-breakpoint
-- A recipient reads its own grants; administrators and auditors all. Only the trigger above
-- writes it, as the table owner (the role running this migration); vawg_app may only read.
ALTER TABLE agreement_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_grants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agreement_grants_maintained ON agreement_grants FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY agreement_grants_select ON agreement_grants FOR SELECT USING (
  recipient_org_id = app_org_id() OR app_role() IN ('admin', 'auditor')
);
--> statement-breakpoint
-- A signature records who signed, as what, and the terms they read.
DROP POLICY agreement_signatures_sign ON agreement_signatures;
--> statement-breakpoint
CREATE POLICY agreement_signatures_sign ON agreement_signatures FOR INSERT WITH CHECK (
  app_role() = 'org_manager' AND org_id = app_org_id() AND signed_by = app_user_id() AND terms_sha256 IS NOT NULL
  AND EXISTS (SELECT 1 FROM agreement_versions v WHERE v.id = agreement_signatures.version_id AND v.status = 'awaiting_signatures')
);
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_complete_agreement_version(uuid), app_expire_agreements() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_complete_agreement_version(uuid), app_expire_agreements() TO vawg_app;
--> statement-breakpoint
GRANT SELECT ON agreement_grants TO vawg_app;
--> statement-breakpoint
-- The portal's queries are short and frequent; just-in-time compilation costs them hundreds of
-- milliseconds (policies with subqueries look expensive to the planner) and saves nothing.
ALTER ROLE vawg_app SET jit = off;
