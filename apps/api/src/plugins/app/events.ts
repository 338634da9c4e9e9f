import type { DomainEvent, Signal } from '@helpstack/contracts';
import fp from 'fastify-plugin';
import type { Tx } from '../../db/client.ts';
import type { EventMeta } from '../../db/schema/index.ts';
import { createDispatcher, type EventHandler, type SubscribeOptions } from './outbox/dispatcher.ts';
import { insertEvent, OUTBOX_CHANNEL, pruneDispatched } from './outbox/queries.ts';

export type { DispatchedEvent, EventHandler, SubscribeOptions } from './outbox/dispatcher.ts';
export type { EventMeta } from '../../db/schema/index.ts';

/** A domain event of one organization, as a service raises it. */
export type OrganizationEvent = DomainEvent & { organizationId: string };
/** An ephemeral signal on the bus: `{organizationId, type, data}`. */
export type OrganizationSignal = Signal & { organizationId: string; userId?: string };

export interface Events {
  /**
   * Raises a domain event inside the transaction that makes the change: it is stored with the change
   * (and dispatched once committed) or not at all.
   */
  emit(tx: Tx, event: OrganizationEvent, meta?: EventMeta): Promise<void>;
  /**
   * Adds a subscriber (a module's, by a stable name): every committed event (of `options.types`, when given)
   * reaches it at least once. `options.live` ones (realtime) run as soon as events are claimed; the others follow
   * in a lane of their own, in the order they subscribe, so their work never delays a live one.
   */
  subscribe(name: string, handler: EventHandler, options?: SubscribeOptions): void;
  /** Fans an ephemeral signal (typing, presence) out to every instance: never stored, never replayed. */
  signal(organizationId: string, signal: Signal, target?: { userId: string }): Promise<void>;
  /** Dispatches what is waiting now; resolves when nothing claimable is left (tests, tools). */
  dispatch(): Promise<void>;
  /** Stops this instance's dispatcher; events still commit and another instance (or a restart) dispatches them. */
  stopDispatching(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    events: Events;
  }
}

/** Bus topic of ephemeral signals; the realtime hub of every instance subscribes. */
export const SIGNAL_TOPIC = 'realtime.signals';

/** A missed NOTIFY (a dropped LISTEN connection) or a retry waits at most this long. */
const POLL_EVERY_MS = 2_000;
/** Dispatched events are kept a day for inspection (the outbox is not the replay log: realtime keeps its own). */
const DISPATCHED_RETENTION_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;

export default fp(async (app) => {
  const log = app.log.child({ module: 'events' });
  const dispatcher = createDispatcher({ db: app.db, log });

  app.decorate('events', {
    async emit(tx, { organizationId, type, data }, meta) {
      await insertEvent(tx, { organizationId, type, payload: data, meta: meta ?? null });
    },
    subscribe: (name, handler, options) => dispatcher.subscribe(name, handler, options),
    async signal(organizationId, signal, target) {
      await app.bus.publish(SIGNAL_TOPIC, { organizationId, ...signal, ...(target ? { userId: target.userId } : {}) } satisfies OrganizationSignal);
    },
    dispatch: () => dispatcher.drain(),
    stopDispatching: () => dispatcher.stop(),
  } satisfies Events);

  /** PostgreSQL delivers a NOTIFY at commit: the committing instance (and the others) dispatch at once. */
  async function listen(): Promise<() => Promise<void>> {
    const { database } = app;
    const kick = () => void dispatcher.kick();
    if (database.pglite) return database.pglite.listen(OUTBOX_CHANNEL, kick);
    const client = await database.pool!.connect();
    client.on('notification', kick);
    // A broken LISTEN connection only slows dispatch down to the poll; the pool replaces the client.
    client.on('error', (err) => log.warn({ err }, 'the outbox LISTEN connection failed; polling only'));
    await client.query(`listen ${OUTBOX_CHANNEL}`);
    return async () => {
      client.removeAllListeners('notification');
      client.release(true);
    };
  }

  let unlisten: (() => Promise<void>) | undefined;
  let poll: NodeJS.Timeout | undefined;
  let pruner: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    unlisten = await listen();
    void dispatcher.start();
    poll = setInterval(() => void dispatcher.kick(), POLL_EVERY_MS);
    poll.unref();
    // Jitter keeps instances started together from pruning in lockstep.
    pruner = setInterval(() => {
      pruneDispatched(app.db, { before: new Date(Date.now() - DISPATCHED_RETENTION_MS) })
        .catch((err) => log.warn({ err }, 'pruning dispatched events failed'));
    }, PRUNE_EVERY_MS + Math.floor(Math.random() * 60_000));
    pruner.unref();
  });
  // preClose: subscribers still need the database, which the process may close in onClose.
  app.addHook('preClose', async () => {
    clearInterval(poll);
    clearInterval(pruner);
    await dispatcher.stop();
    await unlisten?.().catch(() => {});
  });
}, { name: 'events', dependencies: ['db', 'event-bus'] });
