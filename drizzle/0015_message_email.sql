ALTER TABLE "messages" ADD COLUMN "email_subject" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "email_html" text;