-- API tokens that read the partner data shared with their organisation (docs/access.md#permission-table).
ALTER TYPE "public"."api_token_scope" ADD VALUE 'shared_read';