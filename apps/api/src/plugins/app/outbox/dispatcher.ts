import type { DomainEvent, DomainEventType } from '@helpstack/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from '../../../db/client.ts';
import type { EventMeta } from '../../../db/schema/index.ts';
import { claimEvents, insertReceipts, markDispatched, releaseEvent, yieldLocksQuickly, type OutboxEvent } from './queries.ts';

/** A committed domain event as subscribers receive it. */
export type DispatchedEvent = DomainEvent & { id: number; organizationId: string; createdAt: Date; meta: EventMeta };

/**
 * Handles one event inside a transaction that also records the subscriber's receipt (and may hold other events'
 * work of the same subscriber): what it writes with `tx` happens exactly once per event. The handler itself may
 * run more than once (a rolled-back transaction is handed over again), so anything outside the database (a bus
 * message, an HTTP call) belongs in the returned function, run after that commit; it may run again if the
 * process dies between.
 */
export type EventHandler = (event: DispatchedEvent, tx: Tx) => Promise<void | (() => Promise<void>)>;

/** What a subscriber takes; an event of another type never reaches it (no transaction, no receipt). */
export interface SubscribeOptions {
  types?: readonly DomainEventType[];
}

export interface DispatcherOptions {
  db: Db;
  log: FastifyBaseLogger;
  /** How long a claim lasts; an instance that dies mid-dispatch delays its events by at most this. */
  leaseMs?: number;
  batchSize?: number;
  /** Events a subscriber handles per transaction. */
  chunkSize?: number;
}

const MAX_RETRY_MS = 60_000;
const MAX_ERROR_LENGTH = 500;

interface Subscriber {
  name: string;
  handler: EventHandler;
  types: ReadonlySet<string> | null;
}

const toDispatched = (event: OutboxEvent): DispatchedEvent =>
  ({ ...({ type: event.type, data: event.payload } as DomainEvent), id: event.id, organizationId: event.organizationId, createdAt: event.createdAt, meta: event.meta });

/**
 * Hands committed events to every subscriber, at least once, in id order per subscriber. One loop per
 * process: a kick while it runs makes it look again instead of starting a second one.
 *
 * A claimed batch goes to one subscriber after the other (realtime, registered first, sees the whole batch
 * before the slower ones start), and a subscriber takes up to `chunkSize` events in ONE transaction with their
 * receipts. Why: every commit waits for the WAL flush (~2 ms on these disks), and one transaction per event and
 * subscriber made that flush, not the CPU, the limit of the whole spine (issue 14's `inbound`: two events per widget
 * message × five subscribers = ten receipt-writing commits per message, one after the other). When a handler fails, the chunk's transaction rolls back and its events are handed
 * over again one transaction each, so only the failing event is retried later (a savepoint per event would cost
 * two more round trips on every event, failing or not).
 */
export function createDispatcher(opts: DispatcherOptions) {
  const { db, log } = opts;
  const leaseMs = opts.leaseMs ?? 30_000;
  const batchSize = opts.batchSize ?? 100;
  const chunkSize = opts.chunkSize ?? 25;
  const subscribers: Subscriber[] = [];
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  /**
   * `events` in one transaction of `subscriber`: the after-commit steps once it committed. A failing handler throws,
   * and the whole transaction with it.
   */
  async function deliverTogether(subscriber: Subscriber, events: OutboxEvent[]) {
    const { name, handler } = subscriber;
    const afterCommit: { eventId: number; run: () => Promise<void> }[] = [];
    await db.transaction(async (tx) => {
      if (events.length > 1) await yieldLocksQuickly(tx);
      // One statement for the chunk's receipts; an event that already has one was handled before (a redispatch).
      const fresh = await insertReceipts(tx, { eventIds: events.map((e) => e.id), subscriber: name });
      for (const event of events) {
        if (!fresh.has(event.id)) continue;
        const after = await handler(toDispatched(event), tx);
        if (after) afterCommit.push({ eventId: event.id, run: after });
      }
    });
    return afterCommit;
  }

  async function runAfterCommit(name: string, steps: { eventId: number; run: () => Promise<void> }[]) {
    for (const { eventId, run } of steps) {
      await run().catch((err: unknown) => log.warn({ err, eventId, subscriber: name }, 'after-commit work of a subscriber failed'));
    }
  }

  /** Hands `events` to `subscriber`; what failed goes into `failures` by event id. */
  async function deliverChunk(subscriber: Subscriber, events: OutboxEvent[], failures: Map<number, unknown>) {
    if (events.length > 1) {
      try {
        return await runAfterCommit(subscriber.name, await deliverTogether(subscriber, events));
      } catch {
        // Nothing of the chunk happened: one transaction per event below, so that only the failing one is
        // offered again (and logged) while the others commit.
      }
    }
    for (const event of events) {
      try {
        await runAfterCommit(subscriber.name, await deliverTogether(subscriber, [event]));
      } catch (err) {
        failures.set(event.id, failures.get(event.id) ?? err);
        log.error({ err, eventId: event.id, subscriber: subscriber.name }, 'event subscriber failed; the event will be offered again');
      }
    }
  }

  async function dispatchBatch() {
    const batch = await claimEvents(db, { limit: batchSize, leaseMs });
    const failures = new Map<number, unknown>();
    for (const subscriber of subscribers) {
      // Unfinished: the claim expires with its lease, and the receipts keep what was done from running twice.
      if (stopped) return batch.length;
      const events = subscriber.types ? batch.filter((e) => subscriber.types!.has(e.type)) : batch;
      for (let i = 0; i < events.length; i += chunkSize) await deliverChunk(subscriber, events.slice(i, i + chunkSize), failures);
    }
    for (const event of batch) {
      if (!failures.has(event.id)) continue;
      const failure = failures.get(event.id);
      const error = (failure instanceof Error ? failure.message : String(failure)).slice(0, MAX_ERROR_LENGTH);
      await releaseEvent(db, { id: event.id, retryInMs: Math.min(MAX_RETRY_MS, 500 * 2 ** event.attempts), error });
    }
    await markDispatched(db, { ids: batch.filter((e) => !failures.has(e.id)).map((e) => e.id) });
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
    subscribe(name: string, handler: EventHandler, options: SubscribeOptions = {}) {
      if (subscribers.some((s) => s.name === name)) throw new Error(`An event subscriber named ${name} is already registered`);
      subscribers.push({ name, handler, types: options.types ? new Set(options.types) : null });
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
