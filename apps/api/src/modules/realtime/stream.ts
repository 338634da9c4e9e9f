import type { DomainEventType } from '@helpstack/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../db/client.ts';
import type { EventBus } from '../../plugins/app/event-bus/index.ts';
import type { DispatchedEvent } from '../../plugins/app/events.ts';
import { appendEvent } from './queries.ts';

/** Bus topic of numbered realtime events; the realtime hub of every instance subscribes. */
export const REALTIME_TOPIC = 'realtime.events';

/** Replay promises at least 10 minutes; an hour leaves room for laptops that slept through a meeting. */
export const EVENT_RETENTION_MS = 60 * 60_000;

/** A domain event numbered in its organization's sequence, as it travels the bus. */
export interface RealtimeEvent {
  organizationId: string;
  seq: number;
  type: DomainEventType;
  data: unknown;
}

/** Numbers the event and keeps it for `?since=` replay, in the caller's transaction. */
export async function appendRealtimeEvent(db: Executor, event: Pick<DispatchedEvent, 'organizationId' | 'type' | 'data'>): Promise<RealtimeEvent> {
  const { organizationId, type, data } = event;
  const { seq } = await appendEvent(db, { organizationId, type, data });
  return { organizationId, seq, type, data };
}

/** After the commit: every instance's hub hears of it. Stored is what matters: a missed message is filled from Postgres. */
export async function fanOut(deps: { bus: EventBus; log: FastifyBaseLogger }, event: RealtimeEvent) {
  await deps.bus.publish(REALTIME_TOPIC, event)
    .catch((err) => deps.log.warn({ err, organizationId: event.organizationId, seq: event.seq }, 'realtime fan-out failed'));
}

/**
 * Numbers, stores and fans out one event outside the outbox: the realtime stream's own seam, for the
 * tests of numbering, replay and fan-out (services emit domain events instead).
 */
export async function publishRealtime(deps: { db: Db; bus: EventBus; log: FastifyBaseLogger }, organizationId: string, type: DomainEventType, data: unknown) {
  // The JSON round trip makes local subscribers see what remote ones parse (Dates become ISO strings).
  const event = await appendRealtimeEvent(deps.db, { organizationId, type, data: JSON.parse(JSON.stringify(data)) } as DispatchedEvent);
  await fanOut(deps, event);
  return event;
}
