import {
  credentialIssues,
  credentialSchemas,
  storedWidgetConfigSchema,
  type ChannelCredentials,
  type ChannelType,
  type CreateChannelBody,
  type UpdateChannelBody,
  type UpdateWidgetConfigBody,
} from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/schema/columns.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { fieldsFromIssues } from '../../plugins/app/error-handler.ts';
import * as q from './queries.ts';
import { summarizeCredentials } from './serializers.ts';

export interface ChannelDeps {
  db: Db;
  crypto: FastifyInstance['crypto'];
}

/** The AAD that binds a ciphertext to its row: credentials copied onto another channel do not decrypt. */
const credentialsContext = (channelId: string) => `channels.credentials:${channelId}`;

/** `raw` checked against the type's shape; throws 400 with `credentials.<field>` keys. */
export function parseCredentials<T extends ChannelType>(type: T, raw: unknown): ChannelCredentials[T] {
  const issues = credentialIssues(type, raw);
  if (issues.length) throw new ValidationError('Invalid credentials', fieldsFromIssues(issues, 'credentials'));
  return credentialSchemas[type].parse(raw) as ChannelCredentials[T];
}

/** The plaintext credentials of a channel row — for delivery adapters and webhook verification only. */
export function decryptCredentials<T extends ChannelType>(
  crypto: FastifyInstance['crypto'],
  row: { id: string; type: T; credentials: string },
): ChannelCredentials[T] {
  return crypto.decryptJson<ChannelCredentials[T]>(row.credentials, credentialsContext(row.id));
}

function sealCredentials(crypto: FastifyInstance['crypto'], id: string, type: ChannelType, credentials: Record<string, unknown>) {
  return {
    credentials: crypto.encryptJson(credentials, credentialsContext(id)),
    credentialsSummary: summarizeCredentials(type, credentials),
  };
}

const blankToNull = (s: string | null | undefined) => (s === undefined ? undefined : s === null || s.trim() === '' ? null : s);

export async function createChannel(deps: ChannelDeps, organizationId: string, body: CreateChannelBody) {
  const credentials = parseCredentials(body.type, body.credentials);
  // The id is chosen here because the ciphertext is bound to it.
  const id = newId();
  return q.insertChannel(deps.db, {
    id,
    organizationId,
    type: body.type,
    name: body.name,
    region: blankToNull(body.region) ?? null,
    defaultLanguage: body.defaultLanguage,
    autoTranslate: body.autoTranslate,
    translateToLanguage: body.translateToLanguage ?? null,
    fallbackLanguage: body.fallbackLanguage ?? null,
    aiProviderId: body.aiProviderId ?? null,
    responseTemplate: body.responseTemplate ?? {},
    autoReply: body.autoReply,
    autoApprove: body.autoApprove,
    autoEnhance: body.autoEnhance,
    ...sealCredentials(deps.crypto, id, body.type, credentials),
  });
}

/**
 * Applies a PATCH. Partial credentials are merged into the stored ones (given fields replace, `null`
 * removes, omitted secrets are kept), re-checked against the type and re-encrypted with the current key.
 * The row is locked meanwhile so two concurrent edits cannot drop each other's credential changes.
 */
export async function updateChannel(deps: ChannelDeps, params: { organizationId: string; id: string; body: UpdateChannelBody }) {
  const { organizationId, id, body } = params;
  return deps.db.transaction(async (tx) => {
    const row = await q.findChannel(tx, { organizationId, id, forUpdate: true });
    if (!row) throw new NotFoundError('Channel');
    if (body.type !== undefined && body.type !== row.type) {
      throw ValidationError.field('type', 'The type of a channel cannot be changed; create a new channel instead');
    }
    let sealed: ReturnType<typeof sealCredentials> | undefined;
    if (body.credentials) {
      const merged: Record<string, unknown> = { ...decryptCredentials(deps.crypto, row) };
      for (const [key, value] of Object.entries(body.credentials)) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      sealed = sealCredentials(deps.crypto, row.id, row.type, parseCredentials(row.type, merged));
    }
    const { type: _type, credentials: _credentials, region, ...rest } = body;
    const updated = await q.updateChannel(tx, {
      organizationId,
      id,
      values: { ...rest, ...(region !== undefined ? { region: blankToNull(region) } : {}), ...sealed },
    });
    return updated!;
  });
}

/** Merges a widget-config PATCH into the stored appearance; `null` clears a field back to its default. */
export async function updateWidgetConfig(deps: ChannelDeps, params: { organizationId: string; id: string; body: UpdateWidgetConfigBody }) {
  const { organizationId, id, body } = params;
  return deps.db.transaction(async (tx) => {
    const row = await q.findChannel(tx, { organizationId, id, forUpdate: true });
    if (!row) throw new NotFoundError('Channel');
    assertWebsiteChat(row.type);
    const current = storedWidgetConfigSchema.safeParse(row.widgetConfig ?? {});
    const merged: Record<string, unknown> = { ...(current.success ? current.data : {}) };
    for (const [key, value] of Object.entries(body)) {
      if (value === null) delete merged[key];
      else if (value !== undefined) merged[key] = value;
    }
    return (await q.updateChannel(tx, { organizationId, id, values: { widgetConfig: merged } }))!;
  });
}

export function assertWebsiteChat(type: ChannelType) {
  if (type !== 'WEBSITE_CHAT') throw new ValidationError('Only WEBSITE_CHAT channels have a chat widget');
}
