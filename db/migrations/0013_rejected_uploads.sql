CREATE TABLE "rejected_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"kind" varchar(32) NOT NULL,
	"file_name" varchar(255) NOT NULL,
	"message" text NOT NULL,
	"error_count" integer NOT NULL,
	"errors" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" varchar(16),
	CONSTRAINT "rejected_uploads_kind" CHECK ("rejected_uploads"."kind" IN ('disclosures', 'recorded_crime')),
	CONSTRAINT "rejected_uploads_resolution" CHECK (("rejected_uploads"."resolved_at" IS NULL) = ("rejected_uploads"."resolution" IS NULL) AND ("rejected_uploads"."resolution" IS NULL OR "rejected_uploads"."resolution" IN ('succeeded', 'dismissed')))
);
--> statement-breakpoint
ALTER TABLE "rejected_uploads" ADD CONSTRAINT "rejected_uploads_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rejected_uploads" ADD CONSTRAINT "rejected_uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rejected_uploads_org_id_kind_index" ON "rejected_uploads" USING btree ("org_id","kind") WHERE "rejected_uploads"."resolved_at" IS NULL;--> statement-breakpoint
-- Rejected uploads (docs/data-model.md): the uploader reads and deals with their own, the
-- organisation's partner lead with all of the organisation's; nobody else, administrators included,
-- sees them. Each is written by its uploader, for the organisation they act for.
ALTER TABLE rejected_uploads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE rejected_uploads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rejected_uploads_read ON rejected_uploads FOR SELECT USING (
  org_id = app_org_id() AND (uploaded_by = app_user_id() OR app_role() = 'org_manager')
);
--> statement-breakpoint
CREATE POLICY rejected_uploads_insert ON rejected_uploads FOR INSERT WITH CHECK (
  org_id = app_org_id() AND uploaded_by = app_user_id()
);
--> statement-breakpoint
CREATE POLICY rejected_uploads_deal_with ON rejected_uploads FOR UPDATE
  USING (org_id = app_org_id() AND (uploaded_by = app_user_id() OR app_role() = 'org_manager'))
  WITH CHECK (org_id = app_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON rejected_uploads TO vawg_app;
