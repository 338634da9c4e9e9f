/** The part of the Web Storage API the widget uses, so tests can pass a Map-backed one. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A Storage that lives only as long as the page: the fallback when localStorage is blocked. */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

/**
 * localStorage when the host page lets us use it. Reading `window.localStorage` itself throws in
 * sandboxed iframes and with cookies blocked, and writes throw when the quota is full: every call
 * is guarded and falls back to memory rather than breaking the host page.
 */
export function safeLocalStorage(): KeyValueStore {
  const fallback = memoryStore();
  let ls: Storage | null = null;
  try {
    ls = window.localStorage;
    const probe = 'helpstack:probe';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
  } catch {
    ls = null;
  }
  if (!ls) return fallback;
  const store = ls;
  return {
    getItem: (k) => {
      try {
        return store.getItem(k) ?? fallback.getItem(k);
      } catch {
        return fallback.getItem(k);
      }
    },
    setItem: (k, v) => {
      try {
        store.setItem(k, v);
      } catch {
        fallback.setItem(k, v);
      }
    },
    removeItem: (k) => {
      fallback.removeItem(k);
      try {
        store.removeItem(k);
      } catch {
        /* nothing to remove */
      }
    },
  };
}

/**
 * A v4 UUID. `crypto.randomUUID` exists only in secure contexts, and the widget also runs on plain
 * http pages; `getRandomValues` is available everywhere.
 */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      /* insecure context */
    }
  }
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const storageKey = (channelId: string, what: string) => `helpstack:${channelId}:${what}`;

const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** The visitor's id for this channel: created once, then kept (`helpstack:<channelId>:visitor`). */
export function visitorIdFor(store: KeyValueStore, channelId: string, create: () => string = uuid): string {
  const key = storageKey(channelId, 'visitor');
  const existing = store.getItem(key);
  if (existing && VISITOR_ID.test(existing)) return existing;
  const id = create();
  store.setItem(key, id);
  return id;
}

/** A JSON value kept under one key; unreadable or foreign content reads as `fallback`. */
export function readJson<T>(store: KeyValueStore, key: string, fallback: T): T {
  try {
    const raw = store.getItem(key);
    return raw == null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}
