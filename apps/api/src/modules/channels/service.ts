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
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/schema/columns.ts';
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { fieldsFromIssues } from '../../plugins/app/error-handler.ts';
import { providerOf } from './providers/index.ts';
import { accountIdOf, accountLabelOf, ownershipChanged, verifyOwnership } from './providers/ownership.ts';
import { credentialsContext, decryptCredentials } from './credentials-crypto.ts';
import * as q from './queries.ts';
import { summarizeCredentials } from './serializers.ts';

export interface ChannelDeps {
  db: Db;
  crypto: FastifyInstance['crypto'];
  config: Config;
  log?: FastifyBaseLogger;
  outbound: Pick<FastifyInstance['outbound'], 'checkMailHost'>;
}

/** Credentials with what the server generates filled in (a Telegram webhook secret). */
const prepared = <T extends ChannelType>(type: T, credentials: ChannelCredentials[T]) =>
  providerOf(type).lifecycle?.prepare?.(credentials) ?? credentials;

/**
 * Tells the provider about a stored channel (Telegram: setWebhook). The channel is saved either way; the
 * outcome is the channel's status (CONTRACT §10): ERROR with the provider's reason — the admin sees why
 * no messages arrive — or OK once a later try succeeds. Returns the row with that status.
 */
async function connect<T extends ChannelType>(deps: ChannelDeps, row: q.ChannelRow, channel: { id: string; credentials: ChannelCredentials[T] }) {
  const connected = providerOf(row.type as T).lifecycle?.connected;
  if (!connected) return row;
  let error: string | null = null;
  try {
    if (!(await connected(deps.config, channel))) return row;
  } catch (err) {
    error = (err as Error).message.slice(0, 500) || 'The provider could not be told about the channel';
    deps.log?.warn({ channelId: channel.id, type: row.type, err: error }, 'the provider could not be told about the channel');
  }
  const status = { state: error ? 'ERROR' as const : 'OK' as const, error, checkedAt: new Date().toISOString() };
  return (await q.updateChannel(deps.db, { organizationId: row.organizationId, id: row.id, values: { connectionStatus: status } })) ?? row;
}

/** `raw` checked against the type's shape; throws 400 with `credentials.<field>` keys. */
export function parseCredentials<T extends ChannelType>(type: T, raw: unknown): ChannelCredentials[T] {
  const issues = credentialIssues(type, raw);
  if (issues.length) throw new ValidationError('Invalid credentials', fieldsFromIssues(issues, 'credentials'));
  return credentialSchemas[type].parse(raw) as ChannelCredentials[T];
}

/** The type's schema, then its provider's own write-time checks (the outbound guard on mail servers). */
function acceptCredentials<T extends ChannelType>(deps: ChannelDeps, type: T, raw: unknown): ChannelCredentials[T] {
  const credentials = parseCredentials(type, raw);
  const refused = providerOf(type).checkCredentials?.(credentials, deps.outbound);
  if (refused) throw new ValidationError('Invalid credentials', refused);
  return credentials;
}

function sealCredentials(crypto: FastifyInstance['crypto'], id: string, type: ChannelType, credentials: Record<string, unknown>) {
  return {
    credentials: crypto.encryptJson(credentials, credentialsContext(id)),
    credentialsSummary: summarizeCredentials(type, credentials),
  };
}

/**
 * Runs a write that claims `type`'s account id; the unique index on (type, account_id) is what makes two
 * concurrent claims of the same account end in exactly one channel.
 */
async function claimingAccount<R>(type: ChannelType, write: () => Promise<R>): Promise<R> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`This ${accountLabelOf(type)} is already connected to another channel`);
    throw err;
  }
}

const blankToNull = (s: string | null | undefined) => (s === undefined ? undefined : s === null || s.trim() === '' ? null : s);

export async function createChannel(deps: ChannelDeps, organizationId: string, body: CreateChannelBody) {
  const credentials = prepared(body.type, acceptCredentials(deps, body.type, body.credentials));
  // Verified before the uniqueness check so that a 409 only ever tells the account's real owner that it is taken.
  await verifyOwnership(deps.config, body.type, credentials);
  // The id is chosen here because the ciphertext is bound to it.
  const id = newId();
  const row = await claimingAccount(body.type, () => q.insertChannel(deps.db, {
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
    accountId: accountIdOf(body.type, credentials),
    ...sealCredentials(deps.crypto, id, body.type, credentials),
  }));
  return connect(deps, row, { id, credentials });
}

/** Deletes the channel (its conversations go with it), then lets the provider forget it (Telegram: deleteWebhook). */
export async function deleteChannel(deps: ChannelDeps, params: { organizationId: string; id: string }) {
  const row = await q.findChannel(deps.db, params);
  const deleted = await q.deleteChannel(deps.db, params);
  const lifecycle = row && providerOf(row.type).lifecycle;
  if (deleted && row && lifecycle?.disconnected) {
    await lifecycle.disconnected(deps.config, { id: row.id, credentials: decryptCredentials(deps.crypto, row) as never })
      .catch((err: Error) => deps.log?.warn({ channelId: row.id, err: err.message }, 'the provider could not be told the channel is gone'));
  }
  return deleted;
}

/** The stored credentials with a PATCH applied: given fields replace, `null` removes, omitted ones are kept. */
function mergedCredentials(deps: ChannelDeps, row: q.ChannelRow, patch: NonNullable<UpdateChannelBody['credentials']>) {
  const before = decryptCredentials(deps.crypto, row);
  const merged: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return { before, credentials: prepared(row.type, acceptCredentials(deps, row.type, merged)) };
}

/**
 * Applies a PATCH. Partial credentials are merged into the stored ones, re-checked against the type,
 * verified with the provider when the account or its token changes, and re-encrypted with the current key.
 * The provider is asked outside the transaction (no row lock or connection held over the network); the
 * merge is then redone on the locked row, so a concurrent edit is kept — unless it changed what was verified (409).
 */
export async function updateChannel(deps: ChannelDeps, params: { organizationId: string; id: string; body: UpdateChannelBody }) {
  const { organizationId, id, body } = params;
  const current = await q.findChannel(deps.db, { organizationId, id });
  if (!current) throw new NotFoundError('Channel');
  if (body.type !== undefined && body.type !== current.type) {
    throw ValidationError.field('type', 'The type of a channel cannot be changed; create a new channel instead');
  }
  let verified: ReturnType<typeof mergedCredentials>['credentials'] | undefined;
  let reconnect = false;
  if (body.credentials) {
    const { before, credentials } = mergedCredentials(deps, current, body.credentials);
    // A row without its account id yet (saved before ids were recorded) is verified when it first claims one.
    if (ownershipChanged(current.type, before, credentials) || accountIdOf(current.type, credentials) !== current.accountId) {
      await verifyOwnership(deps.config, current.type, credentials);
      reconnect = true;
    }
    // A changed secret, or a last try that failed (saving again is how an admin retries), tells the provider again.
    if (providerOf(current.type).lifecycle?.reconnectOn?.(before as never, credentials as never) || current.connectionStatus?.state === 'ERROR') {
      reconnect = true;
    }
    verified = credentials;
  }
  const { type: _type, credentials: patch, region, ...rest } = body;
  const updated = await claimingAccount(current.type, () => deps.db.transaction(async (tx) => {
    const row = await q.findChannel(tx, { organizationId, id, forUpdate: true });
    if (!row) throw new NotFoundError('Channel');
    let sealed: (ReturnType<typeof sealCredentials> & { accountId: string | null }) | undefined;
    if (patch && verified) {
      const { credentials } = row.credentials === current.credentials ? { credentials: verified } : mergedCredentials(deps, row, patch);
      if (ownershipChanged(row.type, verified, credentials)) {
        throw new ConflictError('The channel\'s account was changed meanwhile; reload and try again');
      }
      sealed = { ...sealCredentials(deps.crypto, row.id, row.type, credentials), accountId: accountIdOf(row.type, credentials) };
    }
    const updated = await q.updateChannel(tx, {
      organizationId,
      id,
      values: { ...rest, ...(region !== undefined ? { region: blankToNull(region) } : {}), ...sealed },
    });
    return updated!;
  }));
  if (reconnect && verified) return connect(deps, updated, { id, credentials: verified });
  return updated;
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

/** The credentials a new channel of `type` would be stored with, for "Check connection": the same 400s as a create. */
export const credentialsToCheck = <T extends ChannelType>(deps: ChannelDeps, type: T, raw: unknown) => acceptCredentials(deps, type, raw);

/** A stored channel's credentials for "Check connection", with unsaved edits merged the way PATCH merges them. */
export function storedCredentialsToCheck(deps: ChannelDeps, row: q.ChannelRow, patch?: NonNullable<UpdateChannelBody['credentials']>) {
  return patch ? mergedCredentials(deps, row, patch).credentials : decryptCredentials(deps.crypto, row);
}
