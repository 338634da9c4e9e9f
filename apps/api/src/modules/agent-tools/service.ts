import { agentToolAuthErrors, type CreateAgentToolBody, type UpdateAgentToolBody } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { newId } from '../../db/schema/columns.ts';
import type { AgentToolSecrets } from '../../db/schema/index.ts';
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { parametersProblem } from './parameters.ts';
import * as q from './queries.ts';
import { placeholderInAuthority } from './request.ts';
import { decryptToolSecrets, encryptToolSecrets } from './secrets.ts';

type Ctx = Pick<FastifyInstance, 'db' | 'crypto' | 'outbound'>;

/** The URL passes the outbound-URL guard when written (CONTRACT §8.6); placeholders never choose the host. */
function assertUrl(app: Ctx, url: string) {
  if (placeholderInAuthority(url)) throw ValidationError.field('url', 'url placeholders may appear in the path and query only');
  const checked = app.outbound.checkUrl(url);
  if (!checked.ok) throw ValidationError.field('url', `url ${checked.reason}`);
}

function assertParameters(parameters: Record<string, unknown>) {
  const problem = parametersProblem(parameters);
  if (problem) throw ValidationError.field('parameters', `parameters ${problem}`);
}

async function assertChannel(app: Ctx, organizationId: string, channelId: string | null | undefined) {
  if (channelId && !(await q.channelExists(app.db, { organizationId, channelId }))) throw ValidationError.field('channelId', 'No such channel in your organization');
}

function assertAuth(auth: { type: CreateAgentToolBody['auth']['type']; headerName?: string }, hasSecret: boolean) {
  const errors = agentToolAuthErrors({ ...auth, hasSecret });
  if (Object.keys(errors).length) throw new ValidationError(Object.values(errors)[0]![0], errors);
}

function assertUniqueHeaders(names: string[]) {
  const lower = names.map((n) => n.toLowerCase());
  if (new Set(lower).size !== lower.length) throw ValidationError.field('headers', 'Each header name may appear once');
}

const conflictOnName = (err: unknown): never => {
  if (isUniqueViolation(err)) throw new ConflictError('A tool with this name already exists in your organization');
  throw err;
};

export async function createTool(app: Ctx, organizationId: string, body: CreateAgentToolBody) {
  assertUrl(app, body.url);
  assertParameters(body.parameters);
  assertAuth(body.auth, Boolean(body.auth.secret));
  assertUniqueHeaders(body.headers.map((h) => h.name));
  await assertChannel(app, organizationId, body.channelId);
  const id = newId();
  const secrets: AgentToolSecrets = {
    headers: Object.fromEntries(body.headers.map((h) => [h.name, h.value])),
    authSecret: body.auth.type === 'NONE' ? null : (body.auth.secret ?? null),
  };
  return q
    .insertTool(app.db, {
      id,
      organizationId,
      channelId: body.channelId ?? null,
      name: body.name,
      description: body.description,
      method: body.method,
      url: body.url,
      parameters: body.parameters,
      headerNames: body.headers.map((h) => h.name),
      authType: body.auth.type,
      authHeaderName: body.auth.type === 'HEADER' ? (body.auth.headerName ?? null) : null,
      secrets: encryptToolSecrets(app.crypto, id, secrets),
      hasSecret: secrets.authSecret !== null,
      enabled: body.enabled,
      timeoutMs: body.timeoutMs,
    })
    .catch(conflictOnName);
}

/** Partial; stored header values and the secret are kept unless replaced (they are never sent back to edit). */
export async function updateTool(app: Ctx, organizationId: string, id: string, body: UpdateAgentToolBody) {
  const current = await q.findTool(app.db, { organizationId, id });
  if (!current) throw new NotFoundError('Agent tool');
  if (body.url !== undefined) assertUrl(app, body.url);
  if (body.parameters !== undefined) assertParameters(body.parameters);
  await assertChannel(app, organizationId, body.channelId);
  const stored = decryptToolSecrets(app.crypto, current);
  const secrets: AgentToolSecrets = { ...stored };
  if (body.headers) {
    assertUniqueHeaders(body.headers.map((h) => h.name));
    const missing = body.headers.find((h) => h.value === undefined && stored.headers[h.name] === undefined);
    if (missing) throw ValidationError.field('headers', `Header ${missing.name} needs a value`);
    secrets.headers = Object.fromEntries(body.headers.map((h) => [h.name, h.value ?? stored.headers[h.name]!]));
  }
  const auth = body.auth ?? { type: current.authType, headerName: current.authHeaderName ?? undefined };
  if (body.auth) secrets.authSecret = auth.type === 'NONE' ? null : (body.auth.secret ?? stored.authSecret);
  assertAuth(auth, secrets.authSecret !== null);
  const row = await q
    .updateTool(app.db, {
      organizationId,
      id,
      patch: {
        name: body.name,
        description: body.description,
        channelId: body.channelId,
        method: body.method,
        url: body.url,
        parameters: body.parameters,
        headerNames: body.headers?.map((h) => h.name),
        authType: auth.type,
        authHeaderName: auth.type === 'HEADER' ? (auth.headerName ?? null) : null,
        secrets: encryptToolSecrets(app.crypto, id, secrets),
        hasSecret: secrets.authSecret !== null,
        enabled: body.enabled,
        timeoutMs: body.timeoutMs,
      },
    })
    .catch(conflictOnName);
  if (!row) throw new NotFoundError('Agent tool');
  return row;
}

export async function deleteTool(app: Ctx, organizationId: string, id: string) {
  const row = await q.deleteTool(app.db, { organizationId, id });
  if (!row) throw new NotFoundError('Agent tool');
  return row;
}
