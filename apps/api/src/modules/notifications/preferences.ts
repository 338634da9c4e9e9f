import { notificationEvents, type NotificationEvent, type NotificationPreferences, type UpdateNotificationPreferencesBody } from '@helpstack/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { notificationPreferences } from '../../db/schema/index.ts';

/** CONTRACT §11 defaults: in-app and push on for every event; e-mail only where the user is named (assigned, mentioned). */
export function defaultPreferences(): NotificationPreferences {
  const events = Object.fromEntries(
    notificationEvents.map((e) => [e, { inApp: true, push: true, email: e === 'conversation.assigned' || e === 'mention' }]),
  ) as NotificationPreferences['events'];
  return { events, sound: true };
}

/** Stored (possibly older, partial) preferences over the defaults: an event added later gets its defaults. */
function complete(stored: Partial<NotificationPreferences> | null | undefined): NotificationPreferences {
  const base = defaultPreferences();
  if (!stored) return base;
  for (const e of notificationEvents) base.events[e] = { ...base.events[e], ...stored.events?.[e] };
  if (typeof stored.sound === 'boolean') base.sound = stored.sound;
  return base;
}

/** PUT merges per event and per flag. */
export function mergePreferences(current: NotificationPreferences, patch: UpdateNotificationPreferencesBody): NotificationPreferences {
  const next = complete(current);
  for (const e of notificationEvents) {
    const change = patch.events?.[e];
    if (change) next.events[e] = { ...next.events[e], ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
  }
  if (patch.sound !== undefined) next.sound = patch.sound;
  return next;
}

export async function loadPreferences(db: Executor, params: { organizationId: string; userId: string }): Promise<NotificationPreferences> {
  const [row] = await db
    .select({ preferences: notificationPreferences.preferences })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.organizationId, params.organizationId), eq(notificationPreferences.userId, params.userId)));
  return complete(row?.preferences);
}

/** Preferences of many users at once (the routing subscriber), defaults for those who never changed theirs. */
export async function loadPreferencesOf(db: Executor, params: { organizationId: string; userIds: string[] }): Promise<Map<string, NotificationPreferences>> {
  const map = new Map(params.userIds.map((id) => [id, defaultPreferences()]));
  if (!params.userIds.length) return map;
  const rows = await db
    .select({ userId: notificationPreferences.userId, preferences: notificationPreferences.preferences })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.organizationId, params.organizationId), inArray(notificationPreferences.userId, params.userIds)));
  for (const row of rows) map.set(row.userId, complete(row.preferences));
  return map;
}

/** Read, merge and write in one transaction, locking the row so two PUTs at once do not lose a flag. */
export async function updatePreferences(db: Db, params: { organizationId: string; userId: string; patch: UpdateNotificationPreferencesBody }) {
  const { organizationId, userId, patch } = params;
  return db.transaction(async (tx) => {
    // A row to lock even on the first PUT, so that two first PUTs at once merge instead of one overwriting the other.
    await tx.insert(notificationPreferences).values({ organizationId, userId, preferences: defaultPreferences() }).onConflictDoNothing();
    const [row] = await tx
      .select({ preferences: notificationPreferences.preferences })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.organizationId, organizationId), eq(notificationPreferences.userId, userId)))
      .for('update');
    const next = mergePreferences(complete(row?.preferences), patch);
    await tx
      .insert(notificationPreferences)
      .values({ organizationId, userId, preferences: next })
      .onConflictDoUpdate({ target: [notificationPreferences.organizationId, notificationPreferences.userId], set: { preferences: next, updatedAt: new Date() } });
    return next;
  });
}

export type Channel = 'inApp' | 'push' | 'email';
export const wants = (prefs: NotificationPreferences, event: NotificationEvent, channel: Channel) => prefs.events[event][channel];
