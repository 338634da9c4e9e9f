import type { FastifyInstance } from 'fastify';
import { newId } from '../../../../db/schema/columns.ts';
import type { ProviderPoller } from '../types.ts';
import { claimMailbox, imapChannels, LEASE_MS, releaseMailbox } from './mailbox-queries.ts';
import { MailboxWatcher } from './mailbox.ts';

/**
 * Reads every EMAIL channel's mailbox: on each tick this instance renews the leases it holds and claims the free
 * ones, so across instances each mailbox has exactly one reader, and a dead instance's mailboxes move on
 * within a lease. New channels are picked up on the next tick.
 */
export const emailPoller: ProviderPoller = { start: startEmailPoller };

function startEmailPoller(given: FastifyInstance) {
  const owner = newId();
  const watchers = new Map<string, MailboxWatcher>();
  let app: FastifyInstance | null = given;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> = Promise.resolve();

  async function tick() {
    if (!app) return;
    const a = app;
    const wanted = await imapChannels(a.db);
    const ids = new Set(wanted.map((c) => c.id));
    for (const [id, watcher] of watchers) {
      if (!ids.has(id)) {
        watchers.delete(id);
        await watcher.stop();
      }
    }
    for (const channel of wanted) {
      const mine = await claimMailbox(a.db, { channelId: channel.id, organizationId: channel.organizationId, owner });
      const watcher = watchers.get(channel.id);
      if (mine && !watcher) watchers.set(channel.id, new MailboxWatcher(a, channel, owner));
      if (!mine && watcher) {
        watchers.delete(channel.id);
        await watcher.stop();
      }
    }
  }

  const schedule = () => {
    ticking = ticking.then(tick).catch((err) => app?.log.warn({ err }, 'e-mail poller tick failed'));
  };

  schedule();
  timer = setInterval(schedule, Math.min(5_000, LEASE_MS / 3));
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await ticking;
      const a = app;
      app = null;
      await Promise.all([...watchers].map(async ([channelId, w]) => {
        await w.stop();
        if (a) await releaseMailbox(a.db, { channelId, owner });
      }));
      watchers.clear();
    },
  };
}
