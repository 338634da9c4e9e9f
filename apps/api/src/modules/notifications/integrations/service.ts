import { randomBytes } from 'node:crypto';
import type { CreateNotificationIntegrationBody, UpdateNotificationIntegrationBody } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { newId } from '../../../db/schema/columns.ts';
import type { IntegrationSecrets } from '../../../db/schema/index.ts';
import { NotFoundError, ValidationError } from '../../../lib/errors.ts';
import * as q from './queries.ts';

/** The AAD that binds the envelope to its integration row: a ciphertext copied onto another row does not decrypt. */
const secretsContext = (id: string) => `notification_integrations.secrets:${id}`;

export function decryptIntegrationSecrets(crypto: FastifyInstance['crypto'], row: { id: string; secrets: string | null }): IntegrationSecrets {
  if (!row.secrets) return { url: null, signingSecret: null };
  return crypto.decryptJson<IntegrationSecrets>(row.secrets, secretsContext(row.id));
}

/** CONTRACT §11: `whsec_` + base64 of ≥ 24 random bytes (Standard Webhooks). */
const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

function checkTarget(app: FastifyInstance, type: CreateNotificationIntegrationBody['type'], body: { url?: string; address?: string }, creating: boolean) {
  if (type === 'EMAIL') {
    if (body.url !== undefined) throw ValidationError.field('url', 'An EMAIL integration takes an address, not a url');
    if (creating && !body.address) throw ValidationError.field('address', 'Required for an EMAIL integration');
    return;
  }
  if (body.address !== undefined) throw ValidationError.field('address', `A ${type} integration takes a url, not an address`);
  if (creating && !body.url) throw ValidationError.field('url', `Required for a ${type} integration`);
  if (body.url !== undefined) {
    // CONTRACT §8.6: a literal bad host or a scheme not allowed is refused here; a name is resolved at send time.
    const checked = app.outbound.checkUrl(body.url);
    if (!checked.ok) throw ValidationError.field('url', `url ${checked.reason}`);
  }
}

/** Creates an integration; a WEBHOOK's signing secret is returned here once and never again. */
export async function createIntegration(app: FastifyInstance, organizationId: string, body: CreateNotificationIntegrationBody) {
  checkTarget(app, body.type, body, true);
  const id = newId();
  const signingSecret = body.type === 'WEBHOOK' ? newSigningSecret() : null;
  const secrets: IntegrationSecrets = { url: body.url ?? null, signingSecret };
  const row = await q.insertIntegration(app.db, {
    id,
    organizationId,
    type: body.type,
    name: body.name,
    events: body.events,
    enabled: body.enabled,
    secrets: body.type === 'EMAIL' ? null : app.crypto.encryptJson(secrets, secretsContext(id)),
    hasUrl: Boolean(body.url),
    address: body.type === 'EMAIL' ? body.address! : null,
  });
  return { row, signingSecret };
}

export async function updateIntegration(app: FastifyInstance, organizationId: string, id: string, body: UpdateNotificationIntegrationBody) {
  return app.db.transaction(async (tx) => {
    const current = await q.findIntegration(tx, { organizationId, id });
    if (!current) throw new NotFoundError('Integration');
    checkTarget(app, current.type, body, false);
    const set: Parameters<typeof q.updateIntegration>[1]['set'] = {};
    if (body.name !== undefined) set.name = body.name;
    if (body.events !== undefined) set.events = body.events;
    if (body.enabled !== undefined) set.enabled = body.enabled;
    if (body.address !== undefined) set.address = body.address;
    if (body.url !== undefined) {
      const secrets = decryptIntegrationSecrets(app.crypto, current);
      set.secrets = app.crypto.encryptJson({ ...secrets, url: body.url } satisfies IntegrationSecrets, secretsContext(id));
      set.hasUrl = true;
    }
    const row = await q.updateIntegration(tx, { organizationId, id, set });
    if (!row) throw new NotFoundError('Integration');
    return row;
  });
}

export async function deleteIntegration(app: FastifyInstance, organizationId: string, id: string) {
  const row = await q.deleteIntegration(app.db, { organizationId, id });
  if (!row) throw new NotFoundError('Integration');
  return row;
}
