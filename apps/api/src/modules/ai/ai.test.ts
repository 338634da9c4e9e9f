import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { loggerOptions } from '../../app.ts';
import { aiUsage, organizations } from '../../db/schema/index.ts';
import { buildTestApp, errorOf, signupActor, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';
import { RAW_BODY_MARKER, startFakeLlm, type FakeLlm } from '../../../test/helpers/fake-llm.ts';

let t: TestApp;
let llm: FakeLlm;
let A: Org;
let B: Org;
/** A local server no provider may ever reach: its port is not in OUTBOUND_ALLOW. */
let tripwire: Server;
let tripwirePort: number;
const tripwireHits: string[] = [];

beforeAll(async () => {
  llm = await startFakeLlm();
  tripwire = createServer((req, res) => {
    tripwireHits.push(req.url ?? '');
    res.end('{}');
  });
  await new Promise<void>((r) => tripwire.listen(0, '127.0.0.1', r));
  tripwirePort = (tripwire.address() as AddressInfo).port;
  t = await buildTestApp({ OUTBOUND_ALLOW: `127.0.0.1:${llm.port}` });
  ({ A, B } = await twoOrganizations(t.app));
});
afterAll(async () => {
  await t.close();
  await llm.close();
  await new Promise<void>((r) => tripwire.close(() => r()));
});
beforeEach(() => llm.reset());

let seq = 0;
const key = () => `sk-test-${Date.now().toString(36)}-${(seq++).toString(36)}-secret`;
const openai = (over: Record<string, unknown> = {}) => ({ name: `Fake OpenAI ${seq}`, type: 'OPENAI', model: 'gpt-fake', apiKey: key(), baseUrl: llm.openaiUrl, ...over });
const addProvider = async (actor: Actor, over: Record<string, unknown> = {}) => {
  const res = await actor.post('/api/ai-providers', openai(over));
  if (res.status !== 201) throw new Error(`provider: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; name: string; model: string };
};
const balanceOf = async (organizationId: string) =>
  (await t.app.db.select({ b: organizations.tokenBalance }).from(organizations).where(eq(organizations.id, organizationId)))[0]!.b;
const setBalance = (organizationId: string, n: number) => t.app.db.update(organizations).set({ tokenBalance: n }).where(eq(organizations.id, organizationId));
const usageOf = (organizationId: string) => t.app.db.select().from(aiUsage).where(eq(aiUsage.organizationId, organizationId));

describe('POST /api/ai-providers/[id]/test: one tiny call through each wire protocol', () => {
  test('OPENAI speaks Chat Completions with the key as Bearer; the call is charged and recorded', async () => {
    const admin = await signupActor(t.app, 'test-openai');
    const sent = openai();
    const p = (await admin.post('/api/ai-providers', sent)).body.data;
    const before = await balanceOf(admin.organizationId);
    const res = await admin.post(`/api/ai-providers/${p.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ok: true, model: 'gpt-fake', latencyMs: expect.any(Number) });
    expect(llm.requests).toHaveLength(1);
    expect(llm.requests[0]).toMatchObject({ api: 'openai', path: '/openai/v1/chat/completions' });
    expect(llm.requests[0]!.headers.authorization).toBe(`Bearer ${sent.apiKey}`);
    expect(llm.requests[0]!.body).toMatchObject({ model: 'gpt-fake', max_tokens: 16 });
    // usage 1000 + 500 → ceil(1.5) = 2 plan tokens
    expect(before - (await balanceOf(admin.organizationId))).toBe(2);
    expect(await usageOf(admin.organizationId)).toEqual([
      expect.objectContaining({ feature: 'PROVIDER_TEST', providerId: p.id, providerType: 'OPENAI', model: 'gpt-fake', inputTokens: 1000, outputTokens: 500, totalTokens: 1500, planTokens: 2, conversationId: null }),
    ]);
  });

  test('ANTHROPIC speaks Messages at {baseUrl}/v1/messages with x-api-key', async () => {
    const k = key();
    const p = await addProvider(A.ADMIN, { type: 'ANTHROPIC', model: 'claude-fake', apiKey: k, baseUrl: llm.anthropicUrl, isDefault: false });
    const res = await A.AGENT.post(`/api/ai-providers/${p.id}/test`);
    expect(res.status).toBe(200);
    expect(llm.requests[0]).toMatchObject({ api: 'anthropic', path: '/anthropic/v1/messages' });
    expect(llm.requests[0]!.headers['x-api-key']).toBe(k);
  });

  test('OPENAI_COMPATIBLE without a key (an Ollama-like server) works', async () => {
    const p = await addProvider(A.ADMIN, { type: 'OPENAI_COMPATIBLE', model: 'llama-fake', apiKey: undefined, baseUrl: llm.openaiNoKeyUrl, isDefault: false });
    const res = await A.ADMIN.post(`/api/ai-providers/${p.id}/test`);
    expect(res.status).toBe(200);
    expect(llm.requests[0]).toMatchObject({ path: '/openai/nokey/v1/chat/completions' });
    expect(llm.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe('plan tokens (CONTRACT §8.5)', () => {
  test('0 tokens: 402 INSUFFICIENT_TOKENS and the provider sees no request', async () => {
    const admin = await signupActor(t.app, 'empty');
    const p = await addProvider(admin);
    await setBalance(admin.organizationId, 0);
    const res = await admin.post(`/api/ai-providers/${p.id}/test`);
    expect(res.status).toBe(402);
    expect(errorOf(res).code).toBe('INSUFFICIENT_TOKENS');
    expect(llm.requests).toHaveLength(0);
    expect(await usageOf(admin.organizationId)).toEqual([]);
  });

  test('the charge is max(1, ceil(total/1000)) and never drives the balance below 0', async () => {
    const admin = await signupActor(t.app, 'short');
    const p = await addProvider(admin);
    llm.usageNext(10);
    await admin.post(`/api/ai-providers/${p.id}/test`);
    llm.usageNext(3001);
    await admin.post(`/api/ai-providers/${p.id}/test`);
    expect((await usageOf(admin.organizationId)).map((u) => u.planTokens).sort()).toEqual([1, 4]);
    await setBalance(admin.organizationId, 1);
    expect((await admin.post(`/api/ai-providers/${p.id}/test`)).status).toBe(200);
    expect(await balanceOf(admin.organizationId)).toBe(0);
    const rows = await usageOf(admin.organizationId);
    expect(rows.map((u) => u.planTokens).sort()).toEqual([1, 1, 4]);
  });
});

describe('provider failures → 502 UPSTREAM_ERROR naming the provider, never its key or body', () => {
  test('5xx (retries included) → 502 naming the provider, no raw body', async () => {
    const p = await addProvider(A.ADMIN, { name: 'Flaky Vendor', isDefault: false });
    llm.failNext(500, { times: 10 });
    const res = await A.ADMIN.post(`/api/ai-providers/${p.id}/test`);
    expect(res.status).toBe(502);
    const err = errorOf(res);
    expect(err.code).toBe('UPSTREAM_ERROR');
    expect(err.message).toContain('Flaky Vendor');
    expect(err.message).toContain('OPENAI');
    expect(res.raw.body).not.toContain(RAW_BODY_MARKER);
    expect(llm.requests.length).toBeGreaterThanOrEqual(1);
  });

  test('a refused key (the vendor body quotes it) → 502 without the key, in the answer and in the log', async () => {
    const lines: string[] = [];
    const logged = await buildTestApp(
      { OUTBOUND_ALLOW: `127.0.0.1:${llm.port}` },
      { logger: { ...(loggerOptions({ ...t.config, LOG_LEVEL: 'trace' }) as object), stream: new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }) } as never },
    );
    try {
      const admin = await signupActor(logged.app, 'badkey');
      const badKey = `sk-refused-${Date.now().toString(36)}-secret`;
      const created = await admin.post('/api/ai-providers', openai({ apiKey: badKey }));
      expect(created.status).toBe(201);
      const res = await admin.post(`/api/ai-providers/${created.body.data.id}/test`);
      expect(res.status).toBe(502);
      expect(errorOf(res).message).toMatch(/refused the API key \(HTTP 401\)/);
      expect(llm.requests.at(-1)!.status).toBe(401);
      expect(res.raw.body).not.toContain(badKey);
      expect(res.raw.body).not.toContain(RAW_BODY_MARKER);
      const log = lines.join('');
      expect(log).toContain('AI provider call failed');
      expect(log).not.toContain(badKey);
      expect(log).not.toContain(RAW_BODY_MARKER);
    } finally {
      await logged.close();
    }
  });

  test('a name resolving to loopback on a port not allowed is refused at call time: 502, nothing reaches it', async () => {
    tripwireHits.length = 0;
    // https and a name pass the write-time check; the address is only known at call time.
    const p = await addProvider(A.ADMIN, { type: 'OPENAI_COMPATIBLE', apiKey: undefined, baseUrl: `https://localhost:${tripwirePort}/v1`, isDefault: false });
    const res = await A.ADMIN.post(`/api/ai-providers/${p.id}/test`);
    expect(res.status).toBe(502);
    expect(errorOf(res).message).toContain('outbound-URL guard');
    // plain http to a name on that port is refused when written
    const http = await A.ADMIN.post('/api/ai-providers', openai({ baseUrl: `http://localhost:${tripwirePort}/v1`, isDefault: false }));
    expect(http.status).toBe(400);
    expect(tripwireHits).toEqual([]);
  });
});

describe('the AiProvider port', () => {
  test('resolution: the channel\'s provider, else the organization default; none → 400 AI_NOT_CONFIGURED', async () => {
    const admin = await signupActor(t.app, 'resolve');
    const bare = await insertChannel(t.database.db, { organizationId: admin.organizationId });
    const call = (channelId?: string) =>
      t.app.ai.generateText({ organizationId: admin.organizationId, channelId, feature: 'SUGGESTION', system: 'Be brief.', messages: [{ role: 'user', content: 'hello' }] });
    await expect(call(bare.id)).rejects.toMatchObject({ statusCode: 400, code: 'AI_NOT_CONFIGURED' });
    expect(llm.requests).toHaveLength(0);
    const def = await addProvider(admin, { model: 'default-model' });
    const chosen = await addProvider(admin, { model: 'channel-model', isDefault: false });
    const withChoice = await insertChannel(t.database.db, { organizationId: admin.organizationId, aiProviderId: chosen.id });
    expect((await call(withChoice.id)).text).toBe('[channel-model] hello');
    expect((await call(bare.id)).text).toBe('[default-model] hello');
    expect((await call()).provider.id).toBe(def.id);
    // A provider of another organization on a channel is ignored: the default serves.
    const foreign = await insertChannel(t.database.db, { organizationId: admin.organizationId, aiProviderId: (await addProvider(B.ADMIN, { isDefault: false })).id });
    expect((await call(foreign.id)).provider.id).toBe(def.id);
  });

  test('a JSON-schema answer is parsed into `object` (sent as json_schema)', async () => {
    const admin = await signupActor(t.app, 'schema');
    await addProvider(admin);
    const schema = z.object({ items: z.array(z.object({ question: z.string(), answer: z.string() })) });
    const res = await t.app.ai.generateText({ organizationId: admin.organizationId, feature: 'FAQ_GENERATION', system: 'Propose FAQs.', messages: [{ role: 'user', content: 'material' }], schema });
    expect(schema.parse(res.object).items).toHaveLength(2);
    expect(llm.requests[0]!.body.response_format).toMatchObject({ type: 'json_schema' });
  });

  test('tools: the model calls one, its result goes back, each model request is charged and recorded', async () => {
    const admin = await signupActor(t.app, 'tools');
    await addProvider(admin);
    const conversationId = 'conv-for-usage';
    const before = await balanceOf(admin.organizationId);
    const res = await t.app.ai.generateText({
      organizationId: admin.organizationId,
      conversationId,
      feature: 'SUGGESTION',
      system: 'Help the customer.',
      messages: [{ role: 'user', content: 'Where is my order? CALL_TOOL lookup_order {"orderId":"A-17"}' }],
      tools: [{
        name: 'lookup_order',
        description: 'Find an order',
        parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
        execute: async (args) => ({ status: 'shipped', echo: args }),
      }],
    });
    expect(res.toolCalls).toEqual([{ name: 'lookup_order', args: { orderId: 'A-17' }, result: { status: 'shipped', echo: { orderId: 'A-17' } } }]);
    expect(res.text).toContain('tool said:');
    expect(llm.requests).toHaveLength(2);
    expect(res.tokensCharged).toBe(4);
    expect(res.usage).toEqual({ inputTokens: 2000, outputTokens: 1000, totalTokens: 3000 });
    expect(before - (await balanceOf(admin.organizationId))).toBe(4);
    const rows = await usageOf(admin.organizationId);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.conversationId === conversationId && r.feature === 'SUGGESTION' && r.planTokens === 2)).toBe(true);
  });
});

describe('GET /api/organization/ai-usage', () => {
  test('per day and feature; Session reads; another organization sees only its own; days validated', async () => {
    const admin = await signupActor(t.app, 'report');
    const p = await addProvider(admin);
    await admin.post(`/api/ai-providers/${p.id}/test`);
    await admin.post(`/api/ai-providers/${p.id}/test`);
    await t.app.ai.generateText({ organizationId: admin.organizationId, feature: 'TRANSLATION', system: 'Translate.', messages: [{ role: 'user', content: 'Hallo' }] });
    const res = await admin.get('/api/organization/ai-usage?days=7');
    expect(res.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(res.body.data).toMatchObject({ days: 7, since: expect.any(String) });
    expect(res.body.data.items).toEqual([
      { day: today, feature: 'PROVIDER_TEST', calls: 2, inputTokens: 2000, outputTokens: 1000, totalTokens: 3000, planTokens: 4 },
      { day: today, feature: 'TRANSLATION', calls: 1, inputTokens: 1000, outputTokens: 500, totalTokens: 1500, planTokens: 2 },
    ]);
    expect((await B.VIEWER.get('/api/organization/ai-usage')).body.data.items).toEqual([]);
    expect((await A.VIEWER.get('/api/organization/ai-usage')).status).toBe(200);
    expect((await admin.get('/api/organization/ai-usage?days=0')).status).toBe(400);
    expect((await admin.get('/api/organization/ai-usage?days=abc')).status).toBe(400);
  });
});
