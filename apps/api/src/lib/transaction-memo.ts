import type { Tx } from '../db/client.ts';

/**
 * A value read once per transaction: the event dispatcher hands a subscriber up to 25 events in one transaction,
 * and what does not change from one event to the next (the organization's name, its members, its integrations)
 * need not be read 25 times. Keyed by the transaction object, so a retried (new) transaction reads afresh, and
 * collected with it.
 */
const memos = new WeakMap<Tx, Map<string, Promise<unknown>>>();

/** `tx` must be a transaction: keyed by the database itself, a value would be kept for the life of the process. */
export function oncePerTransaction<T>(tx: Tx, key: string, load: () => PromiseLike<T>): Promise<T> {
  let memo = memos.get(tx);
  if (!memo) memos.set(tx, (memo = new Map()));
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    // Promise.resolve: a drizzle query is a thenable that runs again on every `await`; this runs it once.
    value = Promise.resolve(load());
    memo.set(key, value);
    // A failed read is not kept: the transaction is rolled back anyway, but nothing should see a stale failure.
    value.catch(() => memo.delete(key));
  }
  return value;
}
