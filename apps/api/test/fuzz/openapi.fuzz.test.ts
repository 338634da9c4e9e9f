import { randomInt } from 'node:crypto';
import { Writable } from 'node:stream';
import { errorCodes } from '@helpstack/contracts';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, inviteActor, signupActor, type Actor, type TestApp } from '../helpers/app.ts';
import { encodeSafely, junkQueryValue, junkSegment, mangled, multipartBody, plausible, rawBody, rawQuery, type Schema } from './arbitraries.ts';

/**
 * Property-based fuzzing of every operation in the app's own OpenAPI document, as an ADMIN and
 * unauthenticated: wrong types, missing fields, NULs, lone surrogates, huge strings and numbers,
 * deep nesting, junk path ids and malformed multipart. Whatever is sent, the answer is never a 5xx
 * and always the envelope (except the few documented non-envelope answers).
 *
 * A fresh seed each run (logged; a failure prints it too). Replay with FUZZ_SEED=<seed>; more cases
 * per operation with FUZZ_RUNS=<n>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);
const ANON_RUNS = Math.max(4, Math.round(RUNS / 3));

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Answers documented as something other than the envelope (CONTRACT): raw bytes or the Meta handshake. */
function mayBeNonEnvelope(op: Operation, res: LightMyRequestResponse) {
  if (res.statusCode >= 300) return false;
  if (op.method === 'GET' && op.path.startsWith('/api/webhooks/')) return true;
  return op.method === 'GET' && (op.path === '/api/media/{id}' || op.path === '/api/widget/{channelId}/media/{id}');
}

function assertHarmless(op: Operation, req: InjectOptions, res: LightMyRequestResponse) {
  const logged = res.statusCode >= 500 ? `\nserver log: ${serverErrors.at(-1)?.slice(0, 1500)}` : '';
  const where = `${req.method} ${String(req.url).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}${logged}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (mayBeNonEnvelope(op, res)) return;
  expect(res.headers['content-type'], where).toMatch(/^application\/json/);
  const body = JSON.parse(res.body);
  if (res.statusCode >= 400) {
    expect(body, where).toEqual({
      success: false,
      error: expect.objectContaining({ message: expect.any(String), code: expect.any(String) }),
    });
    expect(errorCodes, where).toContain(body.error.code);
    expect(Object.keys(body.error).every((k) => ['message', 'code', 'fields'].includes(k)), where).toBe(true);
  } else {
    expect(body.success, where).toBe(true);
  }
}

/** The server's error log lines: a 5xx is reported with its cause. */
const serverErrors: string[] = [];
const errorLog = { level: 'error', stream: new Writable({ write(chunk, _enc, cb) { serverErrors.push(String(chunk)); cb(); } }) };

let t: TestApp;
let doc: Doc;
let admin: Actor;
let ids: Record<string, string>;
let sessionStarter: Actor;
let visitorId: string;
const operations: Operation[] = [];
const seen = new Set<string>();
const statuses = new Map<string, number>();

beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_FACTOR: '10000' }, { logger: errorLog as never });
  doc = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) operations.push({ ...op, method: method.toUpperCase(), path });
  }

  // Real rows, so that junk bodies also reach the handlers behind an existing id.
  admin = await signupActor(t.app);
  // Signing up, logging in or accepting an invitation with a session cookie rotates (ends) that session.
  sessionStarter = await signupActor(t.app, 'starter');
  const agent = await inviteActor(t.app, admin, 'AGENT');
  const channelId = (await admin.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Fuzz site', credentials: {} })).body.data.id;
  visitorId = `fuzz-visitor-${'0'.repeat(8)}`;
  const sent = (await admin.post('/api/widget/message', { channelId, visitorId, content: 'hello' })).body.data;
  const conversation = (await admin.get(`/api/conversations/${sent.conversationId}`)).body.data;
  const faq = (await admin.post('/api/faqs', { question: 'Q?', answer: 'A.' })).body.data;
  const invitation = (await admin.post('/api/invitations', { email: 'fuzz-invitee@example.com', role: 'VIEWER' })).body.data;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(Buffer.from('plain text file\n'))]), 'notes.txt');
  const req = new Request('http://local/', { method: 'POST', body: form });
  const media = await t.app.inject({
    method: 'POST', url: '/api/media/upload', payload: Buffer.from(await req.arrayBuffer()),
    headers: { 'content-type': req.headers.get('content-type')!, cookie: `helpstack_session=${admin.cookie}` },
  });
  ids = {
    channels: channelId, widget: channelId, conversations: sent.conversationId, messages: sent.message.id, customers: conversation.customer.id,
    faqs: faq.id, invitations: invitation.id, members: agent.userId, media: JSON.parse(media.body).data.id,
  };
  for (const [what, id] of Object.entries(ids)) expect(typeof id, what).toBe('string');
  // Deleting last, so the rows above live while the other operations run.
  operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  console.info(`[fuzz] seed ${SEED}, ${RUNS} runs per operation as ADMIN and ${ANON_RUNS} unauthenticated, ${operations.length} operations (replay: FUZZ_SEED=${SEED})`);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const resolve = (ref: string): Schema => doc.components?.schemas?.[ref.split('/').at(-1)!] ?? {};

/** One request to `op`, built from its own parameters and body schema, then spoilt. */
function requestFor(op: Operation): fc.Arbitrary<InjectOptions> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  // The row the path names (/api/faqs/{id} → the faq), another real row, or junk.
  const resource = op.path.split('/')[2]!;
  const segmentFor = (p: Parameter) => fc.oneof(
    { weight: 3, arbitrary: fc.constant(p.name === 'channelId' ? ids.channels! : (ids[resource] ?? ids.channels!)) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.values(ids)) },
    { weight: 4, arbitrary: junkSegment },
  );
  const path = fc.tuple(...pathParams.map(segmentFor)).map((values) => {
    let url = op.path;
    pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, values[i]!)));
    return url;
  });
  const queryValue = (p: Parameter) =>
    fc.oneof(
      plausible(p.schema, resolve).map((v) => encodeSafely(String(v))),
      p.name === 'visitorId' ? fc.constant(visitorId) : fc.constant('1'),
      junkQueryValue,
    );
  const query = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(...queryParams.map((p) => fc.option(queryValue(p), { nil: undefined }))).map((vs) =>
      queryParams.flatMap((p, i) => (vs[i] === undefined ? [] : [`${encodeURIComponent(p.name)}=${vs[i]}`])).join('&')) },
    { weight: 1, arbitrary: rawQuery },
  );

  const isMultipart = /multipart/i.test(op.summary ?? '');
  const schema = op.requestBody?.content['application/json']?.schema;
  const hasBody = ['POST', 'PATCH', 'PUT'].includes(op.method);
  const body: fc.Arbitrary<{ type?: string; payload?: string | Buffer }> = isMultipart
    ? fc.oneof({ weight: 4, arbitrary: multipartBody(visitorId) }, { weight: 1, arbitrary: rawBody })
    : hasBody
      ? fc.oneof(
          { weight: 5, arbitrary: mangled(schema, resolve).map((v) => ({ type: 'application/json', payload: JSON.stringify(v) ?? 'null' })) },
          { weight: 2, arbitrary: rawBody },
          { weight: 1, arbitrary: fc.constant({}) },
        )
      : fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: rawBody });

  return fc.tuple(path, query, body).map(([url, q, b]) => ({
    method: op.method as InjectOptions['method'],
    url: q ? `${url}?${q}` : url,
    headers: b.type === undefined ? {} : { 'content-type': b.type },
    ...(b.payload === undefined ? {} : { payload: b.payload }),
  }));
}

/** Each operation and actor its own stream of cases, all derived from the one logged seed. */
const seedFor = (key: string) => [...key].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, SEED) & 0x7fffffff;

async function fuzz(op: Operation, as: 'ADMIN' | 'anonymous') {
  const actor = op.path.startsWith('/api/auth/') && op.path !== '/api/auth/session' ? sessionStarter : admin;
  const cookie = as === 'ADMIN' ? { cookie: `helpstack_session=${actor.cookie}` } : {};
  await fc.assert(
    fc.asyncProperty(requestFor(op), async (req) => {
      // Logging out would end the session the other cases run with.
      if (as === 'ADMIN' && op.path === '/api/auth/logout') return;
      const withAuth = { ...req, headers: { ...(req.headers as Record<string, string>), ...cookie } };
      const res = await t.app.inject(withAuth);
      const key = `${as} ${op.method} ${op.path} ${res.statusCode}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      assertHarmless(op, withAuth, res);
    }),
    { seed: seedFor(`${as} ${op.method} ${op.path}`), numRuns: as === 'ADMIN' ? RUNS : ANON_RUNS, endOnFailure: true },
  );
  seen.add(`${op.method} ${op.path}`);
}

describe('fuzzing every OpenAPI operation: never a 5xx, always the envelope', () => {
  test('as an ADMIN and unauthenticated', async () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter((op) => /multipart/i.test(op.summary ?? '')).map((op) => op.path).sort()).toEqual(['/api/media/upload', '/api/widget/{channelId}/upload']);
    // Every operation is fuzzed even after a failure, so one run reports all of them.
    const failures: string[] = [];
    for (const op of operations) {
      for (const as of ['ADMIN', 'anonymous'] as const) {
        await fuzz(op, as).catch((err: Error) => failures.push(`${as} ${op.method} ${op.path}: ${err.message.slice(0, 3000)}\n${String((err.cause as Error | undefined)?.message).slice(0, 2000)}`));
      }
    }
    // The ADMIN cases really ran as an ADMIN: a lost session would silently turn them all into 401s.
    const adminAnswers = [...statuses].filter(([k]) => k.startsWith('ADMIN '));
    expect(adminAnswers.filter(([k]) => !k.endsWith(' 401')).length).toBeGreaterThan(operations.length);
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    if (process.env.FUZZ_STATS) console.info([...statuses].sort().map(([k, n]) => `${k}: ${n}`).join('\n'));
    expect(failures.join('\n\n')).toBe('');
    expect(seen.size).toBe(operations.length);
  }, 180_000);
});
