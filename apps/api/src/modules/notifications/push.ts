import type { PushPayload, PushSubscriptionBody } from '@helpstack/contracts';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import webpush from 'web-push';
import type { Executor } from '../../db/client.ts';
import { pushSubscriptions } from '../../db/schema/index.ts';
import { isOutboundError } from '../../lib/outbound/index.ts';
import type { Vapid } from './vapid.ts';

export const PUSH_QUEUE = 'notify-push';
export interface PushJob {
  subscriptionId: string;
  payload: PushPayload;
}

/** How long a push service keeps an undelivered push: a day-old "new message" is still worth showing. */
const TTL_SECONDS = 24 * 60 * 60;
const PUSH_TIMEOUT_MS = 10_000;

type Owner = { organizationId: string; userId: string };

/**
 * Registers (or re-registers) a browser's subscription for the caller. The endpoint is unique: the same
 * browser subscribing again — even after another user of it signed out — moves to the caller, keys refreshed.
 */
export async function upsertSubscription(db: Executor, params: Owner & { body: PushSubscriptionBody }) {
  const { organizationId, userId, body } = params;
  const values = {
    organizationId,
    userId,
    endpoint: body.endpoint,
    p256dh: body.keys.p256dh,
    auth: body.keys.auth,
    expirationTime: typeof body.expirationTime === 'number' ? new Date(body.expirationTime) : null,
  };
  const [existing] = await db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, body.endpoint));
  const [row] = await db
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { ...values, updatedAt: new Date() } })
    .returning({ id: pushSubscriptions.id });
  return { id: row!.id, created: !existing };
}

export async function deleteSubscription(db: Executor, params: Owner & { endpoint: string }) {
  const [row] = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.organizationId, params.organizationId), eq(pushSubscriptions.userId, params.userId), eq(pushSubscriptions.endpoint, params.endpoint)))
    .returning({ id: pushSubscriptions.id });
  return row ?? null;
}

export async function subscriptionIdsOf(db: Executor, owner: Owner) {
  const rows = await db
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.organizationId, owner.organizationId), eq(pushSubscriptions.userId, owner.userId)));
  return rows.map((r) => r.id);
}

/** Thrown for answers worth retrying (429, 5xx, network): pg-boss retries the job with backoff. */
class TransientPushError extends Error {}

/**
 * Sends one push: RFC 8291 aes128gcm encryption and the RFC 8292 VAPID header from web-push's
 * `generateRequestDetails`, sent through the outbound guard (web-push's own sender speaks https only and
 * would bypass the guard). 404/410: the browser unsubscribed, so the subscription is removed.
 */
export async function sendPush(app: FastifyInstance, vapid: Vapid, job: PushJob) {
  const log = app.log.child({ module: 'notifications', subscriptionId: job.subscriptionId });
  const [sub] = await app.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, job.subscriptionId));
  if (!sub) return { skipped: 'subscription gone' };
  const keys = await vapid.keys();
  const details = webpush.generateRequestDetails(
    { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
    JSON.stringify(job.payload),
    { vapidDetails: { subject: keys.subject, publicKey: keys.publicKey, privateKey: keys.privateKey }, TTL: TTL_SECONDS, contentEncoding: 'aes128gcm' },
  );
  let res: Response;
  try {
    res = await app.outbound.fetchWith({ timeoutMs: PUSH_TIMEOUT_MS, maxBytes: 64 * 1024, truncate: true })(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: new Uint8Array(details.body),
    });
    await res.arrayBuffer().catch(() => undefined);
  } catch (err) {
    // A refused destination (BLOCKED, REDIRECT) will not change by retrying; a timeout or network error may.
    if (isOutboundError(err) && err.kind !== 'TIMEOUT') {
      log.warn({ reason: err.message }, 'push endpoint refused by the outbound guard');
      return { refused: err.message };
    }
    throw new TransientPushError(`push failed: ${(err as Error).message}`);
  }
  if (res.status === 404 || res.status === 410) {
    await app.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id));
    log.info({ status: res.status }, 'push subscription gone; removed');
    return { removed: res.status };
  }
  if (res.status === 429 || res.status >= 500) throw new TransientPushError(`push service answered ${res.status}`);
  if (res.status >= 400) {
    log.warn({ status: res.status }, 'push service refused the push');
    return { refusedStatus: res.status };
  }
  return { status: res.status };
}
