CREATE TYPE "public"."agent_tool_auth_type" AS ENUM('NONE', 'BEARER', 'BASIC', 'HEADER');--> statement-breakpoint
CREATE TYPE "public"."agent_tool_log_status" AS ENUM('SUCCESS', 'ERROR', 'BLOCKED', 'TIMEOUT');--> statement-breakpoint
CREATE TYPE "public"."agent_tool_method" AS ENUM('GET', 'POST', 'PUT', 'PATCH', 'DELETE');--> statement-breakpoint
CREATE TABLE "agent_tool_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"tool_id" text NOT NULL,
	"conversation_id" text,
	"message_id" text,
	"arguments" jsonb NOT NULL,
	"status" "agent_tool_log_status" NOT NULL,
	"http_status" integer,
	"duration_ms" integer NOT NULL,
	"response_preview" text DEFAULT '' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_tools" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"channel_id" text,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"method" "agent_tool_method" NOT NULL,
	"url" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"header_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"auth_type" "agent_tool_auth_type" DEFAULT 'NONE' NOT NULL,
	"auth_header_name" text,
	"secrets" text,
	"has_secret" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"timeout_ms" integer DEFAULT 10000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_tool_logs" ADD CONSTRAINT "agent_tool_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_logs" ADD CONSTRAINT "agent_tool_logs_tool_id_agent_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."agent_tools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_logs" ADD CONSTRAINT "agent_tool_logs_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_logs" ADD CONSTRAINT "agent_tool_logs_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tools" ADD CONSTRAINT "agent_tools_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tools" ADD CONSTRAINT "agent_tools_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_tool_logs_tool_created_idx" ON "agent_tool_logs" USING btree ("tool_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_tools_org_name_idx" ON "agent_tools" USING btree ("organization_id","name");--> statement-breakpoint
CREATE INDEX "agent_tools_org_channel_idx" ON "agent_tools" USING btree ("organization_id","channel_id");