import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import webpush from 'web-push';
import { installationSecrets } from '../../db/schema/index.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const SECRET_NAME = 'vapid';
const context = `installation_secrets.value:${SECRET_NAME}`;

/** `mailto:` of the SMTP_FROM address: push services want a contact, and that is the operator's mail identity. */
function defaultSubject(smtpFrom: string) {
  const address = /<([^>]+)>/.exec(smtpFrom)?.[1] ?? smtpFrom.trim();
  return `mailto:${address.includes('@') ? address : 'no-reply@localhost'}`;
}

/**
 * The VAPID key pair: from the environment, or generated once and stored in the database (encrypted with the
 * app keyring). Not in DATA_DIR: several instances share one database but not one disk, and a browser's
 * subscription is bound to the public key it was made with — every instance must sign with the same one.
 * Two instances generating at once: the insert that loses is dropped and both read the winner.
 */
export function createVapid(app: FastifyInstance) {
  let cached: Promise<VapidKeys> | undefined;
  const subject = app.config.VAPID_SUBJECT ?? defaultSubject(app.config.SMTP_FROM);

  async function load(): Promise<VapidKeys> {
    const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY } = app.config;
    if (VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY) return { publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY, subject };
    const read = async () => {
      const [row] = await app.db.select().from(installationSecrets).where(eq(installationSecrets.name, SECRET_NAME));
      return row ? app.crypto.decryptJson<{ publicKey: string; privateKey: string }>(row.value, context) : null;
    };
    let keys = await read();
    if (!keys) {
      const generated = webpush.generateVAPIDKeys();
      await app.db.insert(installationSecrets).values({ name: SECRET_NAME, value: app.crypto.encryptJson(generated, context) }).onConflictDoNothing();
      keys = await read();
      if (!keys) throw new Error('the generated VAPID key pair could not be stored');
      app.log.info('generated the Web Push (VAPID) key pair; set VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY to pin it');
    }
    return { ...keys, subject };
  }

  return {
    keys(): Promise<VapidKeys> {
      cached ??= load().catch((err: unknown) => {
        cached = undefined;
        throw err;
      });
      return cached;
    },
  };
}
export type Vapid = ReturnType<typeof createVapid>;
