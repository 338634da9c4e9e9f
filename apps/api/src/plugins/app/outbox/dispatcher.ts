import type { DomainEvent } from '@helpstack/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from '../../../db/client.ts';
import { claimEvents, insertReceipt, markDispatched, releaseEvent, type OutboxEvent } from './queries.ts';

/** A committed domain event as subscribers receive it. */
export type DispatchedEvent = DomainEvent & { id: number; organizationId: string; createdAt: Date };

/**
 * Handles one event inside a transaction that also records the subscriber's receipt: what it writes
 * with `tx` happens exactly once per event. Anything outside the database (a bus message, an HTTP call)
 * belongs in the returned function, run after that commit; it may run again if the process dies between.
 */
export type EventHandler = (event: DispatchedEvent, tx: Tx) => Promise<void | (() => Promise<void>)>;

export interface DispatcherOptions {
  db: Db;
  log: FastifyBaseLogger;
  /** How long a claim lasts; an instance that dies mid-dispatch delays its events by at most this. */
  leaseMs?: number;
  batchSize?: number;
}

const MAX_RETRY_MS = 60_000;
const MAX_ERROR_LENGTH = 500;

/**
 * Hands committed events to every subscriber, at least once, in id order per batch. One loop per
 * process: a kick while it runs makes it look again instead of starting a second one.
 */
export function createDispatcher(opts: DispatcherOptions) {
  const { db, log } = opts;
  const leaseMs = opts.leaseMs ?? 30_000;
  const batchSize = opts.batchSize ?? 100;
  const subscribers = new Map<string, EventHandler>();
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  async function deliver(event: OutboxEvent) {
    const dispatched = { ...({ type: event.type, data: event.payload } as DomainEvent), id: event.id, organizationId: event.organizationId, createdAt: event.createdAt };
    let failure: unknown;
    for (const [name, handler] of subscribers) {
      try {
        const afterCommit = await db.transaction(async (tx) => {
          if (!(await insertReceipt(tx, { eventId: event.id, subscriber: name }))) return undefined;
          return (await handler(dispatched, tx)) ?? undefined;
        });
        await afterCommit?.().catch((err: unknown) => log.warn({ err, eventId: event.id, subscriber: name }, 'after-commit work of a subscriber failed'));
      } catch (err) {
        failure ??= err;
        log.error({ err, eventId: event.id, subscriber: name }, 'event subscriber failed; the event will be offered again');
      }
    }
    return failure;
  }

  async function dispatchBatch() {
    const batch = await claimEvents(db, { limit: batchSize, leaseMs });
    const done: number[] = [];
    for (const event of batch) {
      if (stopped) break;
      const failure = await deliver(event);
      if (failure === undefined) {
        done.push(event.id);
        continue;
      }
      const error = (failure instanceof Error ? failure.message : String(failure)).slice(0, MAX_ERROR_LENGTH);
      await releaseEvent(db, { id: event.id, retryInMs: Math.min(MAX_RETRY_MS, 500 * 2 ** event.attempts), error });
    }
    await markDispatched(db, { ids: done });
    return batch.length;
  }

  async function loop() {
    do {
      again = false;
      try {
        while (!stopped && (await dispatchBatch()) === batchSize);
      } catch (err) {
        // The next kick or poll tries again; claims taken before the error expire with their lease.
        log.error({ err }, 'dispatching domain events failed');
        return;
      }
    } while (again && !stopped);
  }

  function kick() {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    subscribe(name: string, handler: EventHandler) {
      if (subscribers.has(name)) throw new Error(`An event subscriber named ${name} is already registered`);
      subscribers.set(name, handler);
    },
    start() {
      stopped = false;
      return kick();
    },
    kick,
    /** Resolves once what was claimable when called has been handed out (a kick during a run waits for the rerun). */
    drain: () => kick(),
    async stop() {
      stopped = true;
      await running;
    },
    get running() {
      return !stopped;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
