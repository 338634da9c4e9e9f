-- Exact conversation counters (conversation_counters), kept by statement-level triggers on conversations
-- in the same transaction as the change: every insert, update and delete — from any code path, a
-- cascade (channel or organization deleted) or an ON DELETE SET NULL (assignee deleted) — moves the
-- counts with it. One upsert per statement, the keys in a fixed order, so two transactions touching
-- the same buckets lock them in the same order (no deadlock between them) and a bulk insert costs one
-- grouped upsert rather than one per row. Works the same on PostgreSQL and PGlite.
CREATE OR REPLACE FUNCTION conversation_counters_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO conversation_counters AS c (organization_id, status, assignee_id, channel_id, unread, n)
    SELECT organization_id, status, coalesce(assigned_to_id, ''), channel_id, unread_count > 0, count(*)
      FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (organization_id, status, assignee_id, channel_id, unread) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO conversation_counters AS c (organization_id, status, assignee_id, channel_id, unread, n)
    SELECT organization_id, status, assignee_id, channel_id, unread, sum(d)
      FROM (SELECT organization_id, status, coalesce(assigned_to_id, '') AS assignee_id, channel_id, unread_count > 0 AS unread, 1 AS d FROM new_rows
            UNION ALL
            SELECT organization_id, status, coalesce(assigned_to_id, ''), channel_id, unread_count > 0, -1 FROM old_rows) moved
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (organization_id, status, assignee_id, channel_id, unread) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO conversation_counters AS c (organization_id, status, assignee_id, channel_id, unread, n)
    SELECT organization_id, status, coalesce(assigned_to_id, ''), channel_id, unread_count > 0, -count(*)
      FROM old_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (organization_id, status, assignee_id, channel_id, unread) DO UPDATE SET n = c.n + excluded.n;
    -- Buckets emptied by deletes (a deleted channel, organization or assignee) go away.
    DELETE FROM conversation_counters c
     WHERE c.n = 0 AND c.organization_id IN (SELECT DISTINCT organization_id FROM old_rows);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conversation_counters_insert AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_counters_track();
--> statement-breakpoint
CREATE TRIGGER conversation_counters_update AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_counters_track();
--> statement-breakpoint
CREATE TRIGGER conversation_counters_delete AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_counters_track();
--> statement-breakpoint
-- Backfill, under a lock that keeps writers out until the triggers and the counts agree.
LOCK TABLE conversations IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
DELETE FROM conversation_counters;
--> statement-breakpoint
INSERT INTO conversation_counters (organization_id, status, assignee_id, channel_id, unread, n)
SELECT organization_id, status, coalesce(assigned_to_id, ''), channel_id, unread_count > 0, count(*)
  FROM conversations GROUP BY 1, 2, 3, 4, 5;
