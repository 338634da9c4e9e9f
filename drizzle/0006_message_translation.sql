CREATE TYPE "public"."translation_status" AS ENUM('NONE', 'PENDING', 'DONE', 'FAILED');--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "translation_status" "translation_status" DEFAULT 'NONE' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "original_content" text;