import { and, count, desc, eq, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { agentToolLogs, agentTools, channels } from '../../db/schema/index.ts';

export type AgentToolRow = typeof agentTools.$inferSelect;
export type AgentToolLogRow = typeof agentToolLogs.$inferSelect;
type Scope = { organizationId: string };

/** Organization-wide tools (no channel filter) or, with `channelId`, those available on that channel. */
export async function listTools(db: Executor, { organizationId, channelId, enabledOnly }: Scope & { channelId?: string; enabledOnly?: boolean }) {
  return db
    .select()
    .from(agentTools)
    .where(
      and(
        eq(agentTools.organizationId, organizationId),
        channelId ? or(isNull(agentTools.channelId), eq(agentTools.channelId, channelId)) : undefined,
        enabledOnly ? eq(agentTools.enabled, true) : undefined,
      ),
    )
    .orderBy(agentTools.name)
    .limit(500);
}

export async function findTool(db: Executor, { organizationId, id }: Scope & { id: string }) {
  const [row] = await db.select().from(agentTools).where(and(eq(agentTools.organizationId, organizationId), eq(agentTools.id, id))).limit(1);
  return row ?? null;
}

export async function insertTool(db: Executor, values: typeof agentTools.$inferInsert) {
  const [row] = await db.insert(agentTools).values(values).returning();
  return row!;
}

export async function updateTool(db: Executor, { organizationId, id, patch }: Scope & { id: string; patch: Partial<typeof agentTools.$inferInsert> }) {
  const [row] = await db
    .update(agentTools)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(agentTools.organizationId, organizationId), eq(agentTools.id, id)))
    .returning();
  return row ?? null;
}

/** Its logs go with it (cascade). */
export async function deleteTool(db: Executor, { organizationId, id }: Scope & { id: string }) {
  const [row] = await db
    .delete(agentTools)
    .where(and(eq(agentTools.organizationId, organizationId), eq(agentTools.id, id)))
    .returning({ id: agentTools.id });
  return row ?? null;
}

export async function channelExists(db: Executor, { organizationId, channelId }: Scope & { channelId: string }) {
  const [row] = await db.select({ id: channels.id }).from(channels).where(and(eq(channels.organizationId, organizationId), eq(channels.id, channelId))).limit(1);
  return Boolean(row);
}

export async function insertLog(db: Executor, values: typeof agentToolLogs.$inferInsert) {
  const [row] = await db.insert(agentToolLogs).values(values).returning();
  return row!;
}

/** Newest first; uuidv7 ids break ties in the same millisecond. */
export async function listLogs(db: Executor, { organizationId, toolId, limit, offset }: Scope & { toolId: string; limit: number; offset: number }) {
  const where = and(eq(agentToolLogs.organizationId, organizationId), eq(agentToolLogs.toolId, toolId));
  const [rows, [total]] = await Promise.all([
    db.select().from(agentToolLogs).where(where).orderBy(desc(agentToolLogs.createdAt), desc(agentToolLogs.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(agentToolLogs).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
