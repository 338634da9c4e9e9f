import type { FastifyBaseLogger } from 'fastify';
import type { JobWithMetadata } from 'pg-boss';
import type { Db, Tx } from '../../../db/client.ts';
import type { Events } from '../../../plugins/app/events.ts';
import type { ChannelType, DeliveryAdapter, DeliveryContext } from '../providers/delivery-types.ts';
import { PermanentDeliveryError } from './errors.ts';
import * as q from './queries.ts';
import type { MessageRow } from '../../messages/queries.ts';
import { serializeMessage } from '../../messages/serializers.ts';

export interface DeliverMessageJob {
  messageId: string;
  organizationId: string;
}

export interface DeliveryDeps {
  db: Db;
  events: Pick<Events, 'emit'>;
  log: FastifyBaseLogger;
  adapterFor(type: ChannelType): DeliveryAdapter | undefined;
  decryptCredentials(channel: DeliveryContext['channel']): unknown;
}

const MAX_ERROR_LENGTH = 500;
const describe = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_LENGTH) || 'Delivery failed';

/** A status change and its `message.updated` event commit together (none when nothing changed). */
async function changeStatus(deps: DeliveryDeps, change: (tx: Tx) => Promise<MessageRow | null | undefined>) {
  await deps.db.transaction(async (tx) => {
    const row = await change(tx);
    if (row) await deps.events.emit(tx, { organizationId: row.organizationId, type: 'message.updated', data: serializeMessage(row, { kind: 'agent' }) });
  });
}

/**
 * One attempt at one message: PENDING → SENT | DELIVERED, or an error recorded and a throw so pg-boss
 * retries with backoff; after the last retry the message is FAILED. Idempotent: a message that is no
 * longer PENDING (an earlier attempt went through) is left alone.
 */
export async function deliverMessage(deps: DeliveryDeps, job: JobWithMetadata<DeliverMessageJob>) {
  const { db, log } = deps;
  const params = { organizationId: job.data.organizationId, messageId: job.data.messageId };
  const found = await q.findDeliverable(db, params);
  if (!found) return; // deleted meanwhile (with its conversation or organization)
  const { message, conversation, channel, customer } = found;
  // A private note or activity line is never sent (CONTRACT §12), whatever its status says.
  if (message.direction !== 'OUTBOUND' || message.private || !message.approved || message.status !== 'PENDING') return;

  const attempt = await q.beginAttempt(db, params);
  if (attempt === null) return;

  const adapter = deps.adapterFor(channel.type);
  if (!adapter) {
    // Not a transient failure: retrying for minutes would only delay telling the agent. Once the
    // channel type's adapter ships, the reply can be sent again.
    await changeStatus(deps, (tx) => q.markAttemptFailed(tx, { ...params, error: `${channel.type} delivery is not configured yet`, final: true }));
    return;
  }

  const identities = customer ? await q.identitiesOf(db, { organizationId: params.organizationId, customerId: customer.id, channelId: channel.id }) : [];
  const ctx: DeliveryContext = {
    message,
    conversation,
    channel,
    customer,
    customerIdentities: identities,
    customerIdentity: identities[0] ?? null,
    credentials: <T>() => deps.decryptCredentials(channel) as T,
    attempt,
    signal: job.signal,
    log: log.child({ messageId: message.id, channelType: channel.type, attempt }),
  };

  let result;
  try {
    result = await adapter.deliver(ctx);
  } catch (err) {
    const permanent = err instanceof PermanentDeliveryError;
    const final = permanent || job.retryCount >= job.retryLimit;
    // Shut down mid-attempt: pg-boss has already put the job back for another instance; only a last
    // attempt needs recording, since no retry will follow.
    if (job.signal.aborted && !final) throw err;
    ctx.log.warn({ err, final }, 'delivery attempt failed');
    await changeStatus(deps, (tx) => q.markAttemptFailed(tx, { ...params, error: describe(err), final }));
    if (permanent) return;
    // Retries left: pg-boss schedules the next attempt. None left: the job ends failed, like the message.
    throw err;
  }
  await changeStatus(deps, (tx) => q.markSent(tx, { ...params, status: result.status, externalId: result.externalId }));
}

/** Dead-letter handler: a job that ended without an answer (expired on a crashed instance) fails its message. */
export async function giveUpOnMessage(deps: DeliveryDeps, job: JobWithMetadata<DeliverMessageJob>) {
  const params = { organizationId: job.data.organizationId, messageId: job.data.messageId };
  await changeStatus(deps, (tx) => q.giveUp(tx, { ...params, error: 'Delivery did not complete after every retry' }));
}
