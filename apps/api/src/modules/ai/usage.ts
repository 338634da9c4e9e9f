import type { AiFeature, AiUsageRow } from '@helpstack/contracts';
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { aiUsage } from '../../db/schema/index.ts';
import { takeTokens } from '../organization/tokens.ts';

/** CONTRACT §8.5: every model request costs max(1, ceil(totalTokens / 1000)) plan tokens. */
export const planTokensFor = (totalTokens: number) => Math.max(1, Math.ceil(totalTokens / 1000));

export interface ModelCall {
  organizationId: string;
  feature: AiFeature;
  conversationId: string | null;
  provider: { id: string; type: string; model: string };
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
}

/**
 * Charges one model request and records it, together. The call already happened, so the charge takes
 * what is left when the balance is short (never below 0), and the row records what was actually taken.
 */
export async function chargeModelCall(db: Db, call: ModelCall): Promise<number> {
  return db.transaction(async (tx) => {
    const taken = await takeTokens(tx, { organizationId: call.organizationId, amount: planTokensFor(call.usage.totalTokens), upTo: true });
    const planTokens = taken?.taken ?? 0;
    await tx.insert(aiUsage).values({
      organizationId: call.organizationId,
      feature: call.feature,
      providerId: call.provider.id,
      providerType: call.provider.type,
      model: call.provider.model,
      ...call.usage,
      planTokens,
      conversationId: call.conversationId,
    });
    return planTokens;
  });
}

/** The first instant of the UTC day `days - 1` days ago: a `days=1` report is today. */
export const reportStart = (days: number, now = new Date()) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));

/** Per UTC day and feature, newest day first. */
export async function usageReport(db: Db, params: { organizationId: string; since: Date }): Promise<AiUsageRow[]> {
  const day = sql<string>`to_char(${aiUsage.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      day,
      feature: aiUsage.feature,
      calls: sql<number>`count(*)::int`,
      inputTokens: sql<number>`coalesce(sum(${aiUsage.inputTokens}), 0)::int`,
      outputTokens: sql<number>`coalesce(sum(${aiUsage.outputTokens}), 0)::int`,
      totalTokens: sql<number>`coalesce(sum(${aiUsage.totalTokens}), 0)::int`,
      planTokens: sql<number>`coalesce(sum(${aiUsage.planTokens}), 0)::int`,
    })
    .from(aiUsage)
    .where(and(eq(aiUsage.organizationId, params.organizationId), gte(aiUsage.createdAt, params.since)))
    .groupBy(day, aiUsage.feature)
    .orderBy(sql`1 desc`, aiUsage.feature);
  return rows.map((r) => ({ ...r, calls: Number(r.calls), inputTokens: Number(r.inputTokens), outputTokens: Number(r.outputTokens), totalTokens: Number(r.totalTokens), planTokens: Number(r.planTokens) }));
}
