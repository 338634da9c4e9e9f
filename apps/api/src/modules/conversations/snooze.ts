import type { FastifyInstance } from 'fastify';
import { findOverdueSnoozes } from './queries.ts';

export const SNOOZE_WAKE_QUEUE = 'conversation-snooze-wake';
/** `until`: the snooze this job is for; a conversation snoozed again, unsnoozed or closed since is left alone. */
export interface SnoozeWake { organizationId: string; conversationId: string; until: string }

/** Queues the wake-up at the snooze's end (pg-boss `startAfter`: durable, any instance runs it). */
export async function scheduleWake(app: FastifyInstance, wake: SnoozeWake) {
  await app.queue.send<SnoozeWake>(SNOOZE_WAKE_QUEUE, wake, { startAfter: new Date(wake.until) });
}

/**
 * Snooze (CONTRACT §12): the job reopens the conversation when its snooze ends — status OPEN,
 * `conversation.updated`, the activity line "HelpStack reopened this (snooze ended)". A customer message
 * reopens it earlier and clears the snooze (touchConversation), after which the job finds nothing to do.
 * `wake` is the change itself, passed in so this file does not import the service (which imports it).
 */
export function registerSnoozeWake(app: FastifyInstance, wake: (job: SnoozeWake) => Promise<void>) {
  app.queue.define<SnoozeWake>({
    name: SNOOZE_WAKE_QUEUE,
    options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
    worker: { handler: async ([job]) => wake(job!.data) },
  });

  // The job is queued after the snooze commits: a process that dies in between leaves a snooze without its
  // job. Every instance sweeps for snoozes overdue by more than a minute and wakes them the same way
  // (idempotent: the wake checks the exact snooze); jitter keeps instances out of lockstep.
  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    sweeper = setInterval(() => {
      void sweepOverdue(app, wake).catch((err: unknown) => app.log.warn({ err }, 'waking overdue snoozes failed'));
    }, SWEEP_EVERY_MS + Math.floor(Math.random() * 10_000));
    sweeper.unref();
  });
  app.addHook('preClose', async () => clearInterval(sweeper));
}

const SWEEP_EVERY_MS = 60_000;
const OVERDUE_MS = 60_000;

/** Wakes the snoozes that ended more than OVERDUE_MS ago (their job was lost); answers how many it found. */
export async function sweepOverdue(app: FastifyInstance, wake: (job: SnoozeWake) => Promise<void>) {
  const overdue = await findOverdueSnoozes(app.db, new Date(Date.now() - OVERDUE_MS));
  for (const row of overdue) await wake({ organizationId: row.organizationId, conversationId: row.id, until: row.snoozedUntil!.toISOString() });
  return overdue.length;
}
