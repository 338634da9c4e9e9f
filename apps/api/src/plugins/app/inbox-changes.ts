import fp from 'fastify-plugin';
import pg from 'pg';

/** Sent by the triggers of migration 0018 at every commit that changes what a conversation list shows. */
export const INBOX_CHANGES_CHANNEL = 'helpstack_inbox_changes';
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;
/** Past this many organizations seen changing, forget them all at once (every version moves up). */
const MAX_TRACKED = 100_000;

/**
 * Which organizations' inboxes changed, as seen by this instance: the basis for caching list pages without
 * ever serving one that a committed change made stale (modules/conversations/page-cache.ts).
 */
export interface InboxChanges {
  /**
   * Resolves once every change committed before the call has been heard here — on PostgreSQL a round trip on
   * the LISTEN connection, which the server answers only after the notifications queued for it (shared by
   * the requests waiting at that moment). `false` when changes cannot be followed now (no LISTEN connection):
   * nothing cached may be trusted then.
   */
  settled(): Promise<boolean>;
  /**
   * A number that grows whenever the organization's inbox changes (or this instance lost track). Read it
   * before the read whose result is kept, and compare it after `settled()` before using the result.
   */
  version(organizationId: string): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    inboxChanges: InboxChanges;
  }
}

function createVersions() {
  let tick = 0;
  let floor = 0;
  const changed = new Map<string, number>();
  const reset = () => {
    floor = ++tick;
    changed.clear();
  };
  return {
    changed(organizationId: string) {
      if (!organizationId) return reset();
      changed.set(organizationId, ++tick);
      if (changed.size > MAX_TRACKED) reset();
    },
    /** Everything may have changed: a lost connection, a missed notification. */
    reset,
    version: (organizationId: string) => Math.max(changed.get(organizationId) ?? 0, floor),
  };
}

export default fp(async (app) => {
  const log = app.log.child({ module: 'inbox-changes' });
  const versions = createVersions();
  const { database } = app;

  if (database.pglite) {
    // One embedded connection: a commit's notifications reach the listener (as microtasks queued while its
    // reply is parsed) before whoever awaited the commit runs on, so every change is heard already.
    const unlisten = await database.pglite.listen(INBOX_CHANGES_CHANNEL, (payload) => versions.changed(payload));
    let listening = true;
    app.addHook('onClose', async () => {
      listening = false;
      await unlisten().catch(() => {});
    });
    app.decorate('inboxChanges', { settled: async () => listening, version: versions.version } satisfies InboxChanges);
    return;
  }

  const pool = database.pool!;
  let client: pg.Client | undefined;
  let closing = false;
  let retryMs = RECONNECT_MIN_MS;
  let retry: NodeJS.Timeout | undefined;

  async function connect() {
    const c = new pg.Client({ ...pool.options, application_name: 'helpstack-inbox-changes', query_timeout: 5000 });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = undefined;
      versions.reset();
      if (!closing) {
        log.warn({ err }, 'the inbox-changes LISTEN connection was lost; list pages are read uncached until it is back');
        schedule();
      }
      c.end().catch(() => {});
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => {
      if (n.channel === INBOX_CHANGES_CHANNEL) versions.changed(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`listen ${INBOX_CHANGES_CHANNEL}`);
    } catch (err) {
      c.end().catch(() => {});
      throw err;
    }
    if (closing) return void (await c.end().catch(() => {}));
    // Whatever changed while nobody listened is unknown: everything cached before is suspect.
    versions.reset();
    client = c;
    retryMs = RECONNECT_MIN_MS;
  }

  function schedule() {
    clearTimeout(retry);
    retry = setTimeout(() => {
      connect().catch((err: unknown) => {
        log.warn({ err }, 'reconnecting the inbox-changes LISTEN connection failed');
        retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
        schedule();
      });
    }, retryMs);
    retry.unref();
  }

  // Requests that arrive while a round trip is on the wire wait for the next one: the one in flight was
  // sent before their reads began, so it proves nothing about changes committed since.
  let inFlight = false;
  let waiting: Array<(ok: boolean) => void> = [];
  function flush() {
    const batch = waiting;
    waiting = [];
    const c = client;
    if (!c) return batch.forEach((resolve) => resolve(false));
    inFlight = true;
    c.query('select 1').then(() => true, () => false).then((ok) => {
      inFlight = false;
      const trusted = ok && client === c;
      for (const resolve of batch) resolve(trusted);
      if (waiting.length) flush();
    });
  }

  app.decorate('inboxChanges', {
    settled() {
      if (!client) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        waiting.push(resolve);
        if (!inFlight) flush();
      });
    },
    version: versions.version,
  } satisfies InboxChanges);

  app.addHook('onReady', async () => {
    await connect().catch((err: unknown) => {
      log.warn({ err }, 'the inbox-changes LISTEN connection failed; list pages are read uncached until it is up');
      schedule();
    });
  });
  app.addHook('onClose', async () => {
    closing = true;
    clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => {});
  });
}, { name: 'inbox-changes', dependencies: ['db'] });
