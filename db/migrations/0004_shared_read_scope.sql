-- API tokens that read the partner data shared with their organisation: an analyst's own, acting as
-- that analyst (docs/access.md#permission-table). Partner leads, who may not read those records, may
-- not create one. Scopes compare as text: the new value cannot be used in the transaction adding it.
ALTER TYPE "public"."api_token_scope" ADD VALUE 'shared_read';--> statement-breakpoint
ALTER POLICY api_tokens_org_manager ON api_tokens
  WITH CHECK (org_id = app_org_id() AND app_role() = 'org_manager' AND NOT (scopes::text[] && ARRAY['shared_read']));
--> statement-breakpoint
CREATE POLICY api_tokens_analyst_own ON api_tokens FOR ALL
  USING (org_id = app_org_id() AND app_role() = 'analyst' AND created_by = app_user_id())
  WITH CHECK (org_id = app_org_id() AND app_role() = 'analyst' AND created_by = app_user_id() AND scopes::text[] <@ ARRAY['shared_read']);
