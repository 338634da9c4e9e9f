import { aiProviderRequirementErrors, type CreateAiProviderBody, type UpdateAiProviderBody } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { newId } from '../../db/schema/columns.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { encryptApiKey } from './api-key-crypto.ts';
import * as q from './queries.ts';

type Ctx = Pick<FastifyInstance, 'db' | 'crypto' | 'outbound'>;

/** A base URL must pass the outbound-URL guard when it is written (CONTRACT §8.6). */
function assertBaseUrl(app: Ctx, baseUrl: string | null | undefined) {
  if (!baseUrl) return;
  const checked = app.outbound.checkUrl(baseUrl);
  if (!checked.ok) throw ValidationError.field('baseUrl', `baseUrl ${checked.reason}`);
}

export async function createProvider(app: Ctx, organizationId: string, body: CreateAiProviderBody) {
  assertBaseUrl(app, body.baseUrl);
  const id = newId();
  return app.db.transaction(async (tx) => {
    await q.insertProvider(tx, {
      id,
      organizationId,
      name: body.name,
      type: body.type,
      model: body.model,
      baseUrl: body.baseUrl ?? null,
      apiKey: body.apiKey ? encryptApiKey(app.crypto, id, body.apiKey) : null,
    });
    // The first provider of an organization becomes its default (CONTRACT §8.1).
    if (body.isDefault) await q.setDefault(tx, { organizationId, id });
    else await q.setDefaultIfNone(tx, { organizationId, id });
    return (await q.findProvider(tx, { organizationId, id }))!;
  });
}

export async function updateProvider(app: Ctx, organizationId: string, id: string, body: UpdateAiProviderBody) {
  return app.db.transaction(async (tx) => {
    const current = await q.findProvider(tx, { organizationId, id });
    if (!current) throw new NotFoundError('AI provider');
    if (body.baseUrl !== undefined) assertBaseUrl(app, body.baseUrl);
    const type = body.type ?? current.type;
    const errors = aiProviderRequirementErrors({
      type,
      hasApiKey: body.apiKey === undefined ? current.apiKey !== null : body.apiKey !== null,
      baseUrl: body.baseUrl === undefined ? current.baseUrl : body.baseUrl,
    });
    if (Object.keys(errors).length) throw new ValidationError(Object.values(errors)[0]![0], errors);
    await q.updateProvider(tx, {
      organizationId,
      id,
      patch: {
        name: body.name,
        type: body.type,
        model: body.model,
        baseUrl: body.baseUrl,
        apiKey: body.apiKey === undefined ? undefined : body.apiKey === null ? null : encryptApiKey(app.crypto, id, body.apiKey),
      },
    });
    if (body.isDefault === true) await q.setDefault(tx, { organizationId, id });
    if (body.isDefault === false && current.defaultId === id) await q.setDefault(tx, { organizationId, id: null });
    return (await q.findProvider(tx, { organizationId, id }))!;
  });
}

/** Channels that used it fall back to the default; a deleted default passes to the oldest remaining provider. */
export async function deleteProvider(app: Ctx, organizationId: string, id: string) {
  return app.db.transaction(async (tx) => {
    const row = await q.deleteProvider(tx, { organizationId, id });
    if (!row) throw new NotFoundError('AI provider');
    await q.detachFromChannels(tx, { organizationId, id });
    await q.replaceDefault(tx, { organizationId, deletedId: id });
    return row;
  });
}
