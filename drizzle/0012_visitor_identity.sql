ALTER TABLE "channels" ADD COLUMN "identity_secret" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "color" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "name_generated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "context" jsonb;