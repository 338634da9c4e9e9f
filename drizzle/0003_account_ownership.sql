ALTER TABLE "channels" ADD COLUMN "account_id" text;--> statement-breakpoint
-- Backfill from the non-secret summary: the oldest channel per (type, account id) keeps the account; later
-- duplicates stay null (they receive no webhooks) so existing duplicates cannot fail the unique index below.
-- Telegram bot ids live only in the encrypted token: those rows are filled when their token is next saved.
UPDATE "channels" AS c SET "account_id" = owner."account_id"
FROM (
	SELECT DISTINCT ON ("type", "account_id") "id", "account_id"
	FROM (
		SELECT "id", "type", "created_at", CASE "type"
			WHEN 'FACEBOOK' THEN "credentials_summary" ->> 'pageId'
			WHEN 'INSTAGRAM' THEN "credentials_summary" ->> 'accountId'
			WHEN 'WHATSAPP' THEN "credentials_summary" ->> 'phoneNumberId'
		END AS "account_id"
		FROM "channels"
	) AS named
	WHERE "account_id" IS NOT NULL
	ORDER BY "type", "account_id", "created_at", "id"
) AS owner
WHERE c."id" = owner."id";--> statement-breakpoint
CREATE UNIQUE INDEX "channels_type_account_id_key" ON "channels" USING btree ("type","account_id");
