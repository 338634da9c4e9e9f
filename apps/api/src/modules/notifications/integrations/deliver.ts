import type { FastifyInstance } from 'fastify';
import type { JobWithMetadata } from 'pg-boss';
import { Webhook } from 'standardwebhooks';
import { isOutboundError } from '../../../lib/outbound/index.ts';
import type { DeliveryPayload } from './payloads.ts';
import * as q from './queries.ts';
import { decryptIntegrationSecrets } from './service.ts';

export const INTEGRATION_QUEUE = 'notify-integration';
export interface IntegrationJob {
  deliveryId: string;
}

/** A slow receiver holds a worker slot this long at most; it never holds the request that caused the event. */
const HTTP_TIMEOUT_MS = 15_000;
const MAX_ERROR = 500;

/** Worth another attempt: pg-boss retries the job with backoff, and the delivery stays PENDING meanwhile. */
class TransientDeliveryError extends Error {}

type Outcome = { ok: true; responseCode: number | null } | { ok: false; transient: boolean; responseCode: number | null; error: string };

async function sendHttp(app: FastifyInstance, url: string, payload: Extract<DeliveryPayload, { kind: 'http' }>, signingSecret: string | null): Promise<Outcome> {
  const body = JSON.stringify(payload.body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'HelpStack-Notifications/1' };
  if (signingSecret) {
    // Standard Webhooks: the id is the delivery's (the same on every retry); the timestamp is this attempt's.
    const at = new Date();
    headers['webhook-id'] = payload.webhookId;
    headers['webhook-timestamp'] = String(Math.floor(at.getTime() / 1000));
    headers['webhook-signature'] = new Webhook(signingSecret).sign(payload.webhookId, at, body);
  }
  try {
    const res = await app.outbound.fetchWith({ timeoutMs: HTTP_TIMEOUT_MS, maxBytes: 16 * 1024, truncate: true })(url, { method: 'POST', headers, body });
    const text = await res.text().catch(() => '');
    if (res.ok) return { ok: true, responseCode: res.status };
    const transient = res.status === 408 || res.status === 429 || res.status >= 500;
    return { ok: false, transient, responseCode: res.status, error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  } catch (err) {
    if (isOutboundError(err)) {
      // BLOCKED/REDIRECT/TOO_LARGE will be the same next time; a timeout may not.
      return { ok: false, transient: err.kind === 'TIMEOUT', responseCode: err.httpStatus, error: `${err.kind}: ${err.message}` };
    }
    return { ok: false, transient: true, responseCode: null, error: (err as Error).message };
  }
}

/** One attempt of one delivery; its row records the attempt, the answer and the outcome. */
export async function runDelivery(app: FastifyInstance, job: JobWithMetadata<IntegrationJob>) {
  const delivery = await q.findDelivery(app.db, job.data.deliveryId);
  if (!delivery || delivery.status !== 'PENDING') return { skipped: true };
  const integration = await q.findIntegration(app.db, { organizationId: delivery.organizationId, id: delivery.integrationId });
  if (!integration) return { skipped: true };
  const attempt = delivery.attempt + 1;
  const payload = delivery.payload as DeliveryPayload;
  let outcome: Outcome;
  if (payload.kind === 'email' && !app.systemMail.configured) {
    // Without SMTP_URL system mail is only logged: say so rather than report a delivery that did not happen.
    outcome = { ok: false, transient: false, responseCode: null, error: 'SMTP_URL is not set: the e-mail was not sent' };
    await app.systemMail.send({ to: integration.address!, subject: payload.subject, text: payload.text, html: payload.html });
  } else if (payload.kind === 'email') {
    try {
      await app.systemMail.send({ to: integration.address!, subject: payload.subject, text: payload.text, html: payload.html });
      outcome = { ok: true, responseCode: null };
    } catch (err) {
      outcome = { ok: false, transient: true, responseCode: null, error: (err as Error).message };
    }
  } else {
    const { url, signingSecret } = decryptIntegrationSecrets(app.crypto, integration);
    outcome = url ? await sendHttp(app, url, payload, signingSecret) : { ok: false, transient: false, responseCode: null, error: 'The integration has no url' };
  }
  if (outcome.ok) {
    await q.updateDelivery(app.db, delivery.id, { status: 'SUCCEEDED', attempt, responseCode: outcome.responseCode, error: null });
    return { status: 'SUCCEEDED' };
  }
  const error = outcome.error.slice(0, MAX_ERROR);
  const last = job.retryCount >= job.retryLimit;
  if (outcome.transient && !last) {
    await q.updateDelivery(app.db, delivery.id, { attempt, responseCode: outcome.responseCode, error });
    throw new TransientDeliveryError(error);
  }
  await q.updateDelivery(app.db, delivery.id, { status: 'FAILED', attempt, responseCode: outcome.responseCode, error });
  app.log.warn({ module: 'notifications', integrationId: integration.id, deliveryId: delivery.id, error }, 'notification delivery failed');
  return { status: 'FAILED' };
}

/** A delivery not attempted within this long after it was written is assumed to have lost its job. */
export const STRANDED_AFTER_MS = 2 * 60_000;

/**
 * The subscriber queues a delivery's job after its transaction commits; a process that dies in between
 * leaves the row PENDING with no job. This sends those jobs again. The queue's `exclusive` policy with the
 * delivery id as singletonKey makes it harmless when the job exists after all (merely waiting in a backlog).
 */
export async function requeueStrandedDeliveries(app: FastifyInstance, now = new Date()) {
  const ids = await q.strandedDeliveryIds(app.db, { before: new Date(now.getTime() - STRANDED_AFTER_MS), limit: 100 });
  for (const deliveryId of ids) await app.queue.send<IntegrationJob>(INTEGRATION_QUEUE, { deliveryId }, { singletonKey: deliveryId });
  return ids.length;
}
