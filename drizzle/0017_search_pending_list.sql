-- Bounds the search index's pending list (see conversations.ts): a storage parameter, set in place — no rebuild
-- of the index on a large table (drizzle-kit would drop and recreate it).
ALTER INDEX "conversations_search_idx" SET (gin_pending_list_limit = 256);
