import { readJson, storageKey, type KeyValueStore } from './storage.ts';
import type { OutboxItem } from './types.ts';

export interface Outbox {
  /** Oldest first: the order the visitor wrote them in. */
  list(): OutboxItem[];
  add(item: OutboxItem): void;
  /** Drops an acknowledged (or permanently refused) message; true if it was there. */
  remove(clientMessageId: string): boolean;
  has(clientMessageId: string): boolean;
}

/** Messages survive a reload or a closed tab: more than this many unsent is not a real visitor. */
const MAX_ITEMS = 50;

const isItem = (x: unknown): x is OutboxItem =>
  typeof x === 'object' && x !== null &&
  typeof (x as OutboxItem).clientMessageId === 'string' && typeof (x as OutboxItem).content === 'string';

/**
 * Unsent visitor messages for one channel, in storage (`helpstack:<channelId>:outbox`) until the
 * server acknowledges them. Every read goes back to storage, so another tab's acks are seen too; a
 * message both tabs send is harmless because the server de-duplicates on clientMessageId.
 */
export function createOutbox(store: KeyValueStore, channelId: string): Outbox {
  const key = storageKey(channelId, 'outbox');
  const list = (): OutboxItem[] => {
    const items = readJson<unknown>(store, key, []);
    return Array.isArray(items) ? items.filter(isItem) : [];
  };
  const save = (items: OutboxItem[]) => {
    if (items.length) store.setItem(key, JSON.stringify(items.slice(-MAX_ITEMS)));
    else store.removeItem(key);
  };
  return {
    list,
    add(item) {
      const items = list().filter((i) => i.clientMessageId !== item.clientMessageId);
      save([...items, item]);
    },
    remove(id) {
      const items = list();
      const rest = items.filter((i) => i.clientMessageId !== id);
      if (rest.length !== items.length) save(rest);
      return rest.length !== items.length;
    },
    has: (id) => list().some((i) => i.clientMessageId === id),
  };
}
