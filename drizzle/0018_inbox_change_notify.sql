-- Inbox change notifications: every committed change to what a conversation list shows (the conversations,
-- their customers' names and contacts, their tags) sends NOTIFY helpstack_inbox_changes with the
-- organization's id, from triggers, so no code path can forget it — cascades and ON DELETE SET NULL
-- included. Each instance LISTENs and drops the cached list pages of that organization
-- (apps/api/src/plugins/app/inbox-changes.ts). PostgreSQL folds identical notifications of one
-- transaction into one, and delivers them at commit. Statement-level: a bulk change costs one DISTINCT.
-- Every trigger names its transition table (new rows, or old rows of a delete) changed_rows.
CREATE OR REPLACE FUNCTION inbox_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('helpstack_inbox_changes', o) FROM (SELECT DISTINCT organization_id AS o FROM changed_rows) changed;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Row-level, for the updates that matter only when certain columns change (a WHEN clause; PostgreSQL has no
-- transition tables for triggers on a column list).
CREATE OR REPLACE FUNCTION inbox_changes_notify_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('helpstack_inbox_changes', new.organization_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- conversation_tags has no organization column: the organization is its conversation's.
CREATE OR REPLACE FUNCTION inbox_changes_notify_tagging() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('helpstack_inbox_changes', o) FROM (
    SELECT DISTINCT c.organization_id AS o FROM changed_rows r JOIN conversations c ON c.id = r.conversation_id) changed;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER inbox_changes_conversations_insert AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_changes_notify();
--> statement-breakpoint
CREATE TRIGGER inbox_changes_conversations_update AFTER UPDATE ON conversations
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_changes_notify();
--> statement-breakpoint
CREATE TRIGGER inbox_changes_conversations_delete AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_changes_notify();
--> statement-breakpoint
-- A list shows a customer's name, e-mail, phone and colour; other customer columns (last seen…) change
-- no list, so their updates send nothing. A new customer appears in a list only through a conversation (that insert notifies).
CREATE TRIGGER inbox_changes_customers_update AFTER UPDATE ON customers FOR EACH ROW
  WHEN (old.name IS DISTINCT FROM new.name OR old.email IS DISTINCT FROM new.email
        OR old.phone IS DISTINCT FROM new.phone OR old.color IS DISTINCT FROM new.color)
  EXECUTE FUNCTION inbox_changes_notify_row();
--> statement-breakpoint
CREATE TRIGGER inbox_changes_customers_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_changes_notify();
--> statement-breakpoint
CREATE TRIGGER inbox_changes_tags_update AFTER UPDATE ON tags FOR EACH ROW
  WHEN (old.name IS DISTINCT FROM new.name OR old.color IS DISTINCT FROM new.color)
  EXECUTE FUNCTION inbox_changes_notify_row();
--> statement-breakpoint
CREATE TRIGGER inbox_changes_tags_delete AFTER DELETE ON tags
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_changes_notify();
--> statement-breakpoint
CREATE TRIGGER inbox_changes_tagging_insert AFTER INSERT ON conversation_tags
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_changes_notify_tagging();
--> statement-breakpoint
CREATE TRIGGER inbox_changes_tagging_delete AFTER DELETE ON conversation_tags
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_changes_notify_tagging();
