CREATE TYPE "public"."organisation_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."organisation_type" AS ENUM('police_force', 'local_authority', 'health', 'isva_service', 'idva_service', 'third_sector', 'national');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('submitter', 'org_manager', 'analyst', 'viewer', 'admin', 'auditor');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."api_token_scope" AS ENUM('submit', 'read');--> statement-breakpoint
CREATE TYPE "public"."abuse_recency" AS ENUM('within_last_month', 'one_to_twelve_months', 'over_twelve_months', 'childhood_non_recent', 'ongoing', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."age_band" AS ENUM('10-14', '15-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."barrier" AS ENUM('fear_of_disbelief', 'distrust_of_police', 'immigration_concerns', 'fear_of_perpetrator', 'shame_or_stigma', 'financial_dependence', 'childcare_concerns', 'language', 'previous_negative_experience', 'did_not_want_criminal_justice', 'other', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."disclosure_status" AS ENUM('draft', 'submitted', 'withdrawn', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."ethnicity" AS ENUM('indian', 'pakistani', 'bangladeshi', 'chinese', 'other_asian', 'african', 'caribbean', 'other_black', 'white_and_asian', 'white_and_black_african', 'white_and_black_caribbean', 'other_mixed', 'english_welsh_scottish_ni_british', 'irish', 'gypsy_or_irish_traveller', 'roma', 'other_white', 'arab', 'any_other', 'not_stated', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."online_platform" AS ENUM('mainstream_social_media', 'private_messaging', 'dating_app', 'gaming_platform', 'forum_or_community', 'adult_content_site', 'smart_device_or_tracker', 'other', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."other_offending_type" AS ENUM('violence', 'weapons', 'drugs', 'acquisitive', 'public_order', 'sexual', 'other', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."perpetrator_number" AS ENUM('lone', 'group', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."protective_order" AS ENUM('none', 'non_molestation_order', 'domestic_violence_protection_order', 'domestic_abuse_protection_order', 'stalking_protection_order', 'restraining_order', 'other', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."referral" AS ENUM('marac', 'idva', 'isva', 'refuge_or_housing', 'health', 'mental_health', 'childrens_services', 'police', 'sarc', 'substance_misuse', 'other', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."relationship" AS ENUM('current_partner', 'ex_partner', 'family_member', 'acquaintance', 'carer', 'stranger', 'online_contact_only', 'multiple', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('female', 'male', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."space" AS ENUM('private_dwelling', 'other_private', 'night_time_economy', 'street_or_open_space', 'public_transport', 'education_primary', 'education_secondary', 'education_further_higher', 'workplace', 'online', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."threat_area" AS ENUM('domestic_abuse', 'rasso', 'csae', 'tech_enabled', 'stalking_harassment', 'msht', 'honour_based_abuse', 'adult_sexual_exploitation', 'spiking', 'incel_related');--> statement-breakpoint
CREATE TYPE "public"."victim_want" AS ENUM('safety_planning', 'support', 'criminal_justice', 'civil_order', 'information_only', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."yes_no" AS ENUM('yes', 'no', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."agreement_status" AS ENUM('draft', 'awaiting_signatures', 'active', 'suspended', 'expired', 'terminated');--> statement-breakpoint
CREATE TYPE "public"."agreement_version_status" AS ENUM('draft', 'awaiting_signatures', 'signed', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."granularity" AS ENUM('aggregate', 'record');--> statement-breakpoint
CREATE TYPE "public"."processing_regime" AS ENUM('uk_gdpr', 'dpa_2018_part_3');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'failure', 'denied');--> statement-breakpoint
CREATE TABLE "local_authorities" (
	"code" varchar(9) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" varchar(3) NOT NULL,
	"country" text NOT NULL,
	"force_area_code" varchar(9) NOT NULL,
	"females_all_ages" integer NOT NULL,
	"females_16_plus" integer NOT NULL,
	"females_18_plus" integer NOT NULL,
	"persons_all_ages" integer NOT NULL,
	CONSTRAINT "local_authorities_code_force_area_key" UNIQUE("code","force_area_code")
);
--> statement-breakpoint
CREATE TABLE "police_force_areas" (
	"code" varchar(9) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"females_all_ages" integer NOT NULL,
	"females_16_plus" integer NOT NULL,
	"females_18_plus" integer NOT NULL,
	"persons_all_ages" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_coverage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"force_area_code" varchar(9) NOT NULL,
	"lad_code" varchar(9),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_coverage_orgId_forceAreaCode_ladCode_unique" UNIQUE NULLS NOT DISTINCT("org_id","force_area_code","lad_code")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" "organisation_type" NOT NULL,
	"status" "organisation_status" DEFAULT 'active' NOT NULL,
	"suspended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_org_id_pk" PRIMARY KEY("user_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_reason" text,
	"user_agent" text,
	"ip_address" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"totp_secret" text,
	"totp_last_step" bigint,
	"mfa_enrolled_at" timestamp with time zone,
	"status" "user_status" DEFAULT 'active' NOT NULL,
	"suspended_at" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"scopes" "api_token_scope"[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "disclosure_threat_areas" (
	"disclosure_id" uuid NOT NULL,
	"threat_area" "threat_area" NOT NULL,
	"sub_types" text[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "disclosure_threat_areas_disclosure_id_threat_area_pk" PRIMARY KEY("disclosure_id","threat_area")
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by" uuid,
	"series_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"status" "disclosure_status" DEFAULT 'draft' NOT NULL,
	"disclosure_month" date,
	"abuse_recency" "abuse_recency",
	"victim_age_band" "age_band",
	"victim_sex" "sex",
	"victim_gender_differs_from_sex_at_birth" "yes_no",
	"victim_ethnicity" "ethnicity",
	"victim_lgbtq" "yes_no",
	"victim_disability" "yes_no",
	"victim_mental_health_need" "yes_no",
	"victim_migrant" "yes_no",
	"victim_no_recourse_to_public_funds" "yes_no",
	"victim_repeat" "yes_no",
	"victim_children_in_household" "yes_no",
	"perpetrator_relationship" "relationship",
	"perpetrator_sex" "sex",
	"perpetrator_age_band" "age_band",
	"perpetrator_number" "perpetrator_number",
	"perpetrator_other_offending" "yes_no",
	"perpetrator_other_offending_types" "other_offending_type"[] DEFAULT '{}' NOT NULL,
	"perpetrator_ideology_concern" "yes_no",
	"space" "space",
	"online_platforms" "online_platform"[] DEFAULT '{}' NOT NULL,
	"lad_code" varchar(9),
	"force_area_code" varchar(9),
	"reported_to_police" "yes_no",
	"barriers" "barrier"[] DEFAULT '{}' NOT NULL,
	"victim_wants" "victim_want"[] DEFAULT '{}' NOT NULL,
	"protective_orders" "protective_order"[] DEFAULT '{}' NOT NULL,
	"referrals" "referral"[] DEFAULT '{}' NOT NULL,
	"context" text,
	"partner_reference_hash" text,
	"submitted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosures_month_is_first_of_month" CHECK ("disclosures"."disclosure_month" is null or extract(day from "disclosures"."disclosure_month") = 1),
	CONSTRAINT "disclosures_submitted_are_complete" CHECK ("disclosures"."status" = 'draft' or ("disclosures"."disclosure_month" is not null and "disclosures"."lad_code" is not null and "disclosures"."force_area_code" is not null and "disclosures"."submitted_at" is not null)),
	CONSTRAINT "disclosures_withdrawal_has_reason" CHECK ("disclosures"."status" <> 'withdrawn' or "disclosures"."withdrawn_reason" is not null),
	CONSTRAINT "disclosures_context_length" CHECK (char_length("disclosures"."context") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "agreement_fields" (
	"version_id" uuid NOT NULL,
	"field" text NOT NULL,
	CONSTRAINT "agreement_fields_version_id_field_pk" PRIMARY KEY("version_id","field")
);
--> statement-breakpoint
CREATE TABLE "agreement_geography" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"force_area_code" varchar(9) NOT NULL,
	"lad_code" varchar(9),
	CONSTRAINT "agreement_geography_versionId_forceAreaCode_ladCode_unique" UNIQUE NULLS NOT DISTINCT("version_id","force_area_code","lad_code")
);
--> statement-breakpoint
CREATE TABLE "agreement_parties" (
	"version_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"is_provider" boolean NOT NULL,
	"is_recipient" boolean NOT NULL,
	CONSTRAINT "agreement_parties_version_id_org_id_pk" PRIMARY KEY("version_id","org_id"),
	CONSTRAINT "agreement_parties_has_a_part" CHECK ("agreement_parties"."is_provider" or "agreement_parties"."is_recipient")
);
--> statement-breakpoint
CREATE TABLE "agreement_signatures" (
	"version_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"signed_by" uuid NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_signatures_version_id_org_id_pk" PRIMARY KEY("version_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_threat_areas" (
	"version_id" uuid NOT NULL,
	"threat_area" "threat_area" NOT NULL,
	"granularity" "granularity" NOT NULL,
	CONSTRAINT "agreement_threat_areas_version_id_threat_area_pk" PRIMARY KEY("version_id","threat_area")
);
--> statement-breakpoint
CREATE TABLE "agreement_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "agreement_version_status" DEFAULT 'draft' NOT NULL,
	"purpose" text NOT NULL,
	"processing_regime" "processing_regime" NOT NULL,
	"article6_basis" text,
	"article9_condition" text,
	"dpa_condition" text,
	"disclosure_threshold" integer DEFAULT 5 NOT NULL,
	"round_to_base5" boolean DEFAULT true NOT NULL,
	"retention_months" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"review_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_versions_agreementId_version_unique" UNIQUE("agreement_id","version"),
	CONSTRAINT "agreement_versions_threshold_floor" CHECK ("agreement_versions"."disclosure_threshold" >= 3),
	CONSTRAINT "agreement_versions_dates_ordered" CHECK ("agreement_versions"."start_date" < "agreement_versions"."end_date"),
	CONSTRAINT "agreement_versions_retention_positive" CHECK ("agreement_versions"."retention_months" > 0)
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"status" "agreement_status" DEFAULT 'draft' NOT NULL,
	"current_version_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"suspended_at" timestamp with time zone,
	"terminated_at" timestamp with time zone,
	CONSTRAINT "agreements_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "recorded_crime_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"force_area_code" varchar(9) NOT NULL,
	"month" date NOT NULL,
	"threat_area" "threat_area" NOT NULL,
	"count" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recorded_crime_returns_orgId_forceAreaCode_month_threatArea_unique" UNIQUE("org_id","force_area_code","month","threat_area"),
	CONSTRAINT "recorded_crime_returns_count_not_negative" CHECK ("recorded_crime_returns"."count" >= 0),
	CONSTRAINT "recorded_crime_returns_month_is_first" CHECK (extract(day from "recorded_crime_returns"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_org_id" uuid,
	"action" text NOT NULL,
	"outcome" "audit_outcome" NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"ip_address" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text,
	"hash" text
);
--> statement-breakpoint
ALTER TABLE "local_authorities" ADD CONSTRAINT "local_authorities_force_area_code_police_force_areas_code_fk" FOREIGN KEY ("force_area_code") REFERENCES "public"."police_force_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_coverage" ADD CONSTRAINT "organisation_coverage_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_coverage" ADD CONSTRAINT "organisation_coverage_force_area_code_police_force_areas_code_fk" FOREIGN KEY ("force_area_code") REFERENCES "public"."police_force_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_coverage" ADD CONSTRAINT "organisation_coverage_lad_code_force_area_code_local_authorities_code_force_area_code_fk" FOREIGN KEY ("lad_code","force_area_code") REFERENCES "public"."local_authorities"("code","force_area_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_org_id_memberships_user_id_org_id_fk" FOREIGN KEY ("user_id","org_id") REFERENCES "public"."memberships"("user_id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_threat_areas" ADD CONSTRAINT "disclosure_threat_areas_disclosure_id_disclosures_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_force_area_code_police_force_areas_code_fk" FOREIGN KEY ("force_area_code") REFERENCES "public"."police_force_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_lad_code_force_area_code_local_authorities_code_force_area_code_fk" FOREIGN KEY ("lad_code","force_area_code") REFERENCES "public"."local_authorities"("code","force_area_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_supersedes_id_disclosures_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."disclosures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_fields" ADD CONSTRAINT "agreement_fields_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_geography" ADD CONSTRAINT "agreement_geography_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_geography" ADD CONSTRAINT "agreement_geography_force_area_code_police_force_areas_code_fk" FOREIGN KEY ("force_area_code") REFERENCES "public"."police_force_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_geography" ADD CONSTRAINT "agreement_geography_lad_code_force_area_code_local_authorities_code_force_area_code_fk" FOREIGN KEY ("lad_code","force_area_code") REFERENCES "public"."local_authorities"("code","force_area_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_version_id_org_id_agreement_parties_version_id_org_id_fk" FOREIGN KEY ("version_id","org_id") REFERENCES "public"."agreement_parties"("version_id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_threat_areas" ADD CONSTRAINT "agreement_threat_areas_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_current_version_id_agreement_versions_id_fk" FOREIGN KEY ("current_version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recorded_crime_returns" ADD CONSTRAINT "recorded_crime_returns_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recorded_crime_returns" ADD CONSTRAINT "recorded_crime_returns_force_area_code_police_force_areas_code_fk" FOREIGN KEY ("force_area_code") REFERENCES "public"."police_force_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recorded_crime_returns" ADD CONSTRAINT "recorded_crime_returns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_coverage_force_area_code_index" ON "organisation_coverage" USING btree ("force_area_code");--> statement-breakpoint
CREATE INDEX "memberships_org_id_index" ON "memberships" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "api_tokens_org_id_index" ON "api_tokens" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "disclosure_threat_areas_threat_area_index" ON "disclosure_threat_areas" USING btree ("threat_area");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosures_series_version_key" ON "disclosures" USING btree ("series_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosures_partner_reference_key" ON "disclosures" USING btree ("org_id","partner_reference_hash") WHERE "disclosures"."status" in ('draft', 'submitted') and "disclosures"."partner_reference_hash" is not null;--> statement-breakpoint
CREATE INDEX "disclosures_org_id_status_disclosure_month_index" ON "disclosures" USING btree ("org_id","status","disclosure_month");--> statement-breakpoint
CREATE INDEX "disclosures_force_area_code_disclosure_month_index" ON "disclosures" USING btree ("force_area_code","disclosure_month") WHERE "disclosures"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "disclosures_barriers_index" ON "disclosures" USING gin ("barriers");--> statement-breakpoint
CREATE INDEX "disclosures_online_platforms_index" ON "disclosures" USING gin ("online_platforms");--> statement-breakpoint
CREATE INDEX "disclosures_perpetrator_other_offending_types_index" ON "disclosures" USING gin ("perpetrator_other_offending_types");--> statement-breakpoint
CREATE INDEX "disclosures_referrals_index" ON "disclosures" USING gin ("referrals");--> statement-breakpoint
CREATE INDEX "agreement_parties_org_id_index" ON "agreement_parties" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "recorded_crime_returns_force_area_code_month_index" ON "recorded_crime_returns" USING btree ("force_area_code","month");--> statement-breakpoint
CREATE INDEX "audit_events_actor_user_id_occurred_at_index" ON "audit_events" USING btree ("actor_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_subject_type_subject_id_index" ON "audit_events" USING btree ("subject_type","subject_id");