-- Separation of duties (docs/access.md#separation-of-duties): administrators never see
-- record-level data, so they may not give themselves, or an account they control, a membership
-- that does. In a partner (non-national) organisation an administrator may give only its first
-- partner lead, while it has no active one; every other membership there is its partner lead's
-- to give. The national organisation's memberships stay the administrators' own.
--
-- Whether an administrator may give `p_role` in `p_org_id`. p_user_id: the member, who may be the
-- lead already (an update keeping the role); p_email: an invitation's address, refused while
-- another address holds a live invitation to lead that organisation. SECURITY DEFINER because a
-- policy on memberships or invitations cannot query its own table.
CREATE FUNCTION app_admin_may_give(p_org_id uuid, p_role role, p_user_id uuid, p_email text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT EXISTS (SELECT 1 FROM organisations o WHERE o.id = p_org_id AND o.type = 'national')
    OR (
      p_role = 'org_manager'
      AND NOT EXISTS (
        SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.org_id = p_org_id AND m.role = 'org_manager' AND u.status = 'active'
          AND m.user_id IS DISTINCT FROM p_user_id
      )
      AND (p_email IS NULL OR NOT EXISTS (
        SELECT 1 FROM invitations i
        WHERE i.org_id = p_org_id AND i.role = 'org_manager' AND lower(i.email) <> lower(p_email)
          AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
      ))
    )
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_admin_may_give(uuid, role, uuid, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_admin_may_give(uuid, role, uuid, text) TO vawg_app;
--> statement-breakpoint

-- Admins still see and remove any membership; what they add or change passes the rule above.
DROP POLICY memberships_admin ON memberships;
--> statement-breakpoint
CREATE POLICY memberships_admin ON memberships FOR ALL
  USING (app_role() = 'admin')
  WITH CHECK (
    app_role() = 'admin' AND user_id IS DISTINCT FROM app_user_id()
    AND app_admin_may_give(org_id, role, user_id, NULL)
  );
--> statement-breakpoint

-- Admins see and withdraw any invitation; any other they write passes the rule above (an
-- accepted_at they set would not do: a row marked accepted by someone still admits them).
DROP POLICY invitations_admin ON invitations;
--> statement-breakpoint
CREATE POLICY invitations_admin ON invitations FOR ALL
  USING (app_role() = 'admin')
  WITH CHECK (
    app_role() = 'admin'
    AND (revoked_at IS NOT NULL OR app_admin_may_give(org_id, role, NULL, email))
  );
