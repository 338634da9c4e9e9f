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
  /**
   * Runs in the claiming lane, as soon as events are claimed: the other subscribers' work never delays it
   * (realtime, whose latency the agents see).
   */
  live?: boolean;
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
/** Claimed batches the live lane may run ahead of the others before it waits for them. */
const MAX_BATCHES_AHEAD = 4;

interface Subscriber {
  name: string;
  handler: EventHandler;
  types: ReadonlySet<string> | null;
  live: boolean;
}

/** A claimed event the live lane is done with, waiting for the other subscribers. */
interface HandedOver {
  event: OutboxEvent;
  failed: boolean;
  failure?: unknown;
}

const toDispatched = (event: OutboxEvent): DispatchedEvent =>
  ({ ...({ type: event.type, data: event.payload } as DomainEvent), id: event.id, organizationId: event.organizationId, createdAt: event.createdAt, meta: event.meta });

/**
 * Hands committed events to every subscriber, at least once, in id order per subscriber.
 *
 * Two lanes per process. The live lane claims batches and runs the live subscribers (realtime) on them at once,
 * then hands the batch to the other lane, which runs every other subscriber (notifications, AI, activity…) and
 * marks the events dispatched — so a burst of notification work never holds back the next message's frame. The
 * live lane runs at most MAX_BATCHES_AHEAD batches ahead, then waits (the claims' leases must not expire while
 * they queue). The other lane takes everything handed over so far at once, so the more it falls behind, the larger
 * (and cheaper per event) its transactions get. A kick while a lane runs makes it look again instead of starting a
 * second one.
 *
 * A subscriber takes up to `chunkSize` events in ONE transaction with their receipts. Why: every commit waits for
 * the WAL flush (~2 ms on these disks), and one transaction per event and subscriber made that flush, not the CPU,
 * the limit of the whole spine (issue 14's `inbound`: two events per widget message × five subscribers = ten
 * receipt-writing commits per message, one after the other). When a handler fails, the chunk's transaction rolls
 * back and its events are handed over again one transaction each, so only the failing event is retried later (a
 * savepoint per event would cost two more round trips on every event, failing or not).
 */
export function createDispatcher(opts: DispatcherOptions) {
  const { db, log } = opts;
  const leaseMs = opts.leaseMs ?? 30_000;
  const batchSize = opts.batchSize ?? 100;
  const chunkSize = opts.chunkSize ?? 25;
  const subscribers: Subscriber[] = [];
  const handedOver: HandedOver[] = [];
  let liveRun: Promise<void> | null = null;
  let restRun: Promise<void> | null = null;
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
      await yieldLocksQuickly(tx);
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

  /** `batch` to each of `lane`'s subscribers in turn; false when stopped on the way (the leases expire by themselves). */
  async function deliver(lane: Subscriber[], batch: OutboxEvent[], failures: Map<number, unknown>) {
    for (const subscriber of lane) {
      if (stopped) return false;
      const events = subscriber.types ? batch.filter((e) => subscriber.types!.has(e.type)) : batch;
      for (let i = 0; i < events.length; i += chunkSize) await deliverChunk(subscriber, events.slice(i, i + chunkSize), failures);
    }
    return !stopped;
  }

  /** The live lane: claims, runs the live subscribers, hands over. Answers the batch's size. */
  async function claimBatch() {
    // Too far ahead of the other lane: wait for it rather than claim what it could not start before the lease ends.
    while (!stopped && handedOver.length >= batchSize * MAX_BATCHES_AHEAD) await kickRest();
    if (stopped) return 0;
    const batch = await claimEvents(db, { limit: batchSize, leaseMs });
    const failures = new Map<number, unknown>();
    if (!(await deliver(subscribers.filter((s) => s.live), batch, failures))) return batch.length;
    for (const event of batch) handedOver.push({ event, failed: failures.has(event.id), failure: failures.get(event.id) });
    if (batch.length) void kickRest();
    return batch.length;
  }

  /** The other lane: every other subscriber on what was handed over, then the events are settled. */
  async function settleHandedOver() {
    while (!stopped && handedOver.length) {
      const items = handedOver.splice(0, batchSize * MAX_BATCHES_AHEAD);
      const batch = items.map((i) => i.event);
      const failures = new Map<number, unknown>(items.filter((i) => i.failed).map((i) => [i.event.id, i.failure]));
      if (!(await deliver(subscribers.filter((s) => !s.live), batch, failures))) return;
      for (const event of batch) {
        if (!failures.has(event.id)) continue;
        const failure = failures.get(event.id);
        const error = (failure instanceof Error ? failure.message : String(failure)).slice(0, MAX_ERROR_LENGTH);
        await releaseEvent(db, { id: event.id, retryInMs: Math.min(MAX_RETRY_MS, 500 * 2 ** event.attempts), error });
      }
      await markDispatched(db, { ids: batch.filter((e) => !failures.has(e.id)).map((e) => e.id) });
    }
  }

  function kickRest(): Promise<void> {
    if (restRun) return restRun;
    restRun = settleHandedOver()
      // The claims of what was not settled expire with their lease; the receipts keep done work from running twice.
      .catch((err: unknown) => log.error({ err }, 'settling dispatched domain events failed'))
      .finally(() => {
        restRun = null;
        // Handed over between the loop's last look and now.
        if (handedOver.length && !stopped) void kickRest();
      });
    return restRun;
  }

  async function liveLoop() {
    do {
      again = false;
      try {
        while (!stopped && (await claimBatch()) === batchSize);
      } catch (err) {
        // The next kick or poll tries again; claims taken before the error expire with their lease.
        log.error({ err }, 'dispatching domain events failed');
        return;
      }
    } while (again && !stopped);
  }

  function kick() {
    if (stopped) return Promise.resolve();
    if (liveRun) {
      again = true;
      return liveRun;
    }
    liveRun = liveLoop().finally(() => {
      liveRun = null;
    });
    return liveRun;
  }

  return {
    subscribe(name: string, handler: EventHandler, options: SubscribeOptions = {}) {
      if (subscribers.some((s) => s.name === name)) throw new Error(`An event subscriber named ${name} is already registered`);
      subscribers.push({ name, handler, types: options.types ? new Set(options.types) : null, live: options.live ?? false });
    },
    start() {
      stopped = false;
      return kick();
    },
    kick,
    /** Resolves once what was claimable when called has been handed to every subscriber and settled. */
    async drain() {
      await kick();
      while (restRun) await restRun;
    },
    async stop() {
      stopped = true;
      await liveRun;
      await restRun;
      // Their claims expire with the lease; whoever claims them next skips what the receipts say was done.
      handedOver.length = 0;
    },
    get running() {
      return !stopped;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
