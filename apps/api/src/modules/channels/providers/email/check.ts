import type { EmailCredentials } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { decryptCredentials } from '../../credentials-crypto.ts';
import * as channelQueries from '../../queries.ts';
import type { ProviderInbound } from '../types.ts';
import { imapClient } from './imap.ts';
import type { MailConfig } from './resolve.ts';
import { setConnectionStatus } from './queries.ts';
import { smtpTransport } from './transport.ts';

export const EMAIL_CHECK_QUEUE = 'email-check';
interface CheckJob { organizationId: string; channelId: string }

const reasonOf = (err: unknown) => {
  const e = err as { responseText?: string; message?: string };
  return (e.responseText || e.message || 'Connection failed').slice(0, 300);
};

/** Logs in to the channel's IMAP server and out again; throws what the server (or the network) answered. */
async function imapLogin(config: MailConfig, credentials: EmailCredentials & { imapHost: string }) {
  const client = await imapClient(config, credentials);
  client.on('error', () => {});
  try {
    await client.connect();
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Connects and authenticates to the channel's SMTP server without sending anything. */
async function smtpLogin(config: MailConfig, credentials: EmailCredentials) {
  const transport = await smtpTransport(config, credentials);
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}

/**
 * "Check connection" (CONTRACT §10): both servers are logged in to, since a reply goes out by SMTP and mail
 * comes in by IMAP. Returns the first refusal as a readable reason, or null when both accepted.
 */
export async function checkEmailConnection(config: MailConfig, credentials: EmailCredentials): Promise<string | null> {
  try {
    await smtpLogin(config, credentials);
  } catch (err) {
    return `SMTP: ${reasonOf(err)}`;
  }
  if (!credentials.imapHost) return null;
  try {
    await imapLogin(config, { ...credentials, imapHost: credentials.imapHost });
  } catch (err) {
    return `IMAP: ${reasonOf(err)}`;
  }
  return null;
}

/** Logs in to the mailbox (IMAP; SMTP when the channel has no IMAP server) and records the outcome. */
export async function checkEmailChannel(app: FastifyInstance, job: CheckJob) {
  const row = await channelQueries.findChannel(app.db, { organizationId: job.organizationId, id: job.channelId });
  if (!row || row.type !== 'EMAIL') return;
  const credentials = decryptCredentials(app.crypto, row) as EmailCredentials;
  let error: string | null = null;
  try {
    if (credentials.imapHost) await imapLogin(app.config, { ...credentials, imapHost: credentials.imapHost });
    else await smtpLogin(app.config, credentials);
  } catch (err) {
    error = `${credentials.imapHost ? 'IMAP' : 'SMTP'}: ${reasonOf(err)}`;
  }
  await setConnectionStatus(app.db, {
    organizationId: row.organizationId,
    id: row.id,
    status: { state: error ? 'ERROR' : 'OK', error, checkedAt: new Date().toISOString() },
  });
}

/** Durable: a check asked for by a save survives a restart, and runs on whichever instance is free. */
export const emailCheckQueue: NonNullable<ProviderInbound['queue']> = {
  name: EMAIL_CHECK_QUEUE,
  define: (app) => app.queue.define<CheckJob>({
    name: EMAIL_CHECK_QUEUE,
    options: { retryLimit: 2, retryDelay: 5, expireInSeconds: 120 },
    worker: {
      options: { batchSize: 5, localConcurrency: 2 },
      handler: async (jobs) => {
        await Promise.all(jobs.map((job) => checkEmailChannel(app, job.data)));
      },
    },
  }),
};

/** After a save (create, or new credentials): check the connection now, so an unreachable mailbox shows within seconds. */
export async function requestEmailCheck(app: FastifyInstance, channel: { id: string; organizationId: string }) {
  await app.queue.send(EMAIL_CHECK_QUEUE, { organizationId: channel.organizationId, channelId: channel.id } satisfies CheckJob);
}
