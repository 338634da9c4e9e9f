import type { FastifyInstance } from 'fastify';
import { requeueStrandedDeliveries } from './integrations/deliver.ts';
import { pruneBatchSlots } from './recipients.ts';

/**
 * One pass of the module's periodic sweeper (every instance runs it; each step is idempotent): re-queue
 * integration deliveries still unattempted, and prune batching slots older than the window.
 */
export async function sweepNotifications(app: FastifyInstance, now = new Date()) {
  await requeueStrandedDeliveries(app, now).catch((err: unknown) => app.log.warn({ err }, 're-queueing stranded notification deliveries failed'));
  await pruneBatchSlots(app.db, { now }).catch((err: unknown) => app.log.warn({ err }, 'pruning notification_throttles failed'));
}
