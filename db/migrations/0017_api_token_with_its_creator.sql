-- docs/performance.md: an API request finds its token and the token's creator in one call.
--
-- Authenticating a token took two steps: this function for the token, then a transaction as the
-- creator to read their membership, user and organisation (four round trips). The function now
-- returns the creator's present membership with the token, under the same rule the portal
-- applied: the creator still a member of the token's organisation, both active. It returns
-- nothing else about anyone, and nothing at all for an unknown, expired or revoked token.
DROP FUNCTION app_authenticate_api_token(text);
--> statement-breakpoint
CREATE FUNCTION app_authenticate_api_token(p_token_hash text)
RETURNS TABLE (id uuid, org_id uuid, scopes api_token_scope[], created_by uuid, expires_at timestamptz,
               email text, display_name text, org_name text, org_type organisation_type, role role)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  UPDATE api_tokens t SET last_used_at = now()
  WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL AND t.expires_at > now()
    AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute');
  RETURN QUERY
    SELECT t.id, t.org_id, t.scopes, t.created_by, t.expires_at, u.email, u.display_name, o.name, o.type, m.role
    FROM api_tokens t
    JOIN memberships m ON m.user_id = t.created_by AND m.org_id = t.org_id
    JOIN users u ON u.id = m.user_id AND u.status = 'active'
    JOIN organisations o ON o.id = m.org_id AND o.status = 'active'
    WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL AND t.expires_at > now();
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_authenticate_api_token(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_authenticate_api_token(text) TO vawg_app;
