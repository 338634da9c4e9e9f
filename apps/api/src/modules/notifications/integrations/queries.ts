import type { NotificationEvent } from '@helpstack/contracts';
import { and, count, desc, eq, lt, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { notificationDeliveries, notificationIntegrations } from '../../../db/schema/index.ts';

export type IntegrationRow = typeof notificationIntegrations.$inferSelect;
export type DeliveryRow = typeof notificationDeliveries.$inferSelect;

/** Deliveries kept per integration: enough to see what happened lately, never an unbounded log. */
export const DELIVERIES_KEPT = 50;

const ofOrg = (organizationId: string, id: string) => and(eq(notificationIntegrations.organizationId, organizationId), eq(notificationIntegrations.id, id));

export const listIntegrations = (db: Executor, organizationId: string) =>
  db.select().from(notificationIntegrations).where(eq(notificationIntegrations.organizationId, organizationId)).orderBy(notificationIntegrations.createdAt);

export async function findIntegration(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.select().from(notificationIntegrations).where(ofOrg(params.organizationId, params.id));
  return row ?? null;
}

export async function insertIntegration(db: Executor, values: typeof notificationIntegrations.$inferInsert) {
  const [row] = await db.insert(notificationIntegrations).values(values).returning();
  return row!;
}

export async function updateIntegration(db: Executor, params: { organizationId: string; id: string; set: Partial<typeof notificationIntegrations.$inferInsert> }) {
  const [row] = await db.update(notificationIntegrations).set({ ...params.set, updatedAt: new Date() }).where(ofOrg(params.organizationId, params.id)).returning();
  return row ?? null;
}

export async function deleteIntegration(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await db.delete(notificationIntegrations).where(ofOrg(params.organizationId, params.id)).returning({ id: notificationIntegrations.id });
  return row ?? null;
}

/** The organization's enabled integrations that listen for `event`. */
export const integrationsFor = (db: Executor, params: { organizationId: string; event: NotificationEvent }) =>
  db
    .select()
    .from(notificationIntegrations)
    .where(and(
      eq(notificationIntegrations.organizationId, params.organizationId),
      eq(notificationIntegrations.enabled, true),
      sql`${notificationIntegrations.events} @> ${JSON.stringify([params.event])}::jsonb`,
    ));

/** Inserts a PENDING delivery and drops the integration's deliveries beyond the newest DELIVERIES_KEPT. */
export async function insertDelivery(db: Executor, values: { organizationId: string; integrationId: string; event: string; payload: unknown }) {
  const [row] = await db.insert(notificationDeliveries).values(values).returning();
  const keep = db
    .select({ id: notificationDeliveries.id })
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.integrationId, values.integrationId))
    .orderBy(desc(notificationDeliveries.id))
    .limit(DELIVERIES_KEPT);
  await db.delete(notificationDeliveries).where(and(eq(notificationDeliveries.integrationId, values.integrationId), notInArray(notificationDeliveries.id, keep)));
  return row!;
}

export async function findDelivery(db: Executor, id: string) {
  const [row] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id));
  return row ?? null;
}

export async function updateDelivery(db: Executor, id: string, set: Partial<Pick<DeliveryRow, 'status' | 'attempt' | 'responseCode' | 'error'>>) {
  await db.update(notificationDeliveries).set({ ...set, updatedAt: new Date() }).where(eq(notificationDeliveries.id, id));
}

export async function listDeliveries(db: Executor, params: { integrationId: string; limit: number; offset: number }) {
  const where = eq(notificationDeliveries.integrationId, params.integrationId);
  const [rows, [total]] = await Promise.all([
    db.select().from(notificationDeliveries).where(where).orderBy(desc(notificationDeliveries.id)).limit(params.limit).offset(params.offset),
    db.select({ n: count() }).from(notificationDeliveries).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Deliveries never attempted although queued a while ago: their job was lost between commit and send. */
export async function strandedDeliveryIds(db: Executor, params: { before: Date; limit: number }) {
  const rows = await db
    .select({ id: notificationDeliveries.id })
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.status, 'PENDING'), eq(notificationDeliveries.attempt, 0), lt(notificationDeliveries.createdAt, params.before)))
    .orderBy(notificationDeliveries.id)
    .limit(params.limit);
  return rows.map((r) => r.id);
}
