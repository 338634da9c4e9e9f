CREATE TABLE "conversation_counters" (
	"organization_id" text NOT NULL,
	"status" "conversation_status" NOT NULL,
	"assignee_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"unread" boolean NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "conversation_counters_pkey" PRIMARY KEY("organization_id","status","assignee_id","channel_id","unread")
);
