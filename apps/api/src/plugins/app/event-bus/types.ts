/** Receives one message published on a topic; must not throw (errors are logged and dropped). */
export type BusHandler = (message: unknown) => void;

/**
 * Fan-out between the instances of the API: in-process by default, Redis pub/sub with REDIS_URL.
 * Delivery is at-most-once and unordered across publishers; whoever needs more (realtime events)
 * numbers its messages and fills gaps from Postgres.
 */
export interface EventBus {
  /** This process, among all instances sharing the bus. */
  readonly instanceId: string;
  /** `cluster` when several instances can share this bus (Redis); `local` when it is this process only. */
  readonly scope: 'local' | 'cluster';
  /** Resolves with how many subscribers received it: with Redis, each instance subscribed to the topic. */
  publish(topic: string, message: unknown): Promise<number>;
  /** Resolves once the subscription is active; the returned function ends it. */
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
