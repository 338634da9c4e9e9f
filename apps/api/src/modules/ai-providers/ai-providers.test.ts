import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aiProviders, channels, organizations } from '../../db/schema/index.ts';
import { buildTestApp, errorOf, signupActor, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';
import { startFakeLlm, type FakeLlm } from '../../../test/helpers/fake-llm.ts';
import { decryptApiKey } from './api-key-crypto.ts';

let t: TestApp;
let llm: FakeLlm;
let A: Org;
let B: Org;
beforeAll(async () => {
  llm = await startFakeLlm();
  t = await buildTestApp({ OUTBOUND_ALLOW: `127.0.0.1:${llm.port}` });
  ({ A, B } = await twoOrganizations(t.app));
});
afterAll(async () => {
  await t.close();
  await llm.close();
});

let seq = 0;
const secret = () => `sk-test-${Date.now().toString(36)}-${(seq++).toString(36)}-secret`;
const body = (over: Record<string, unknown> = {}) => ({ name: `OpenAI ${seq}`, type: 'OPENAI', model: 'gpt-test', apiKey: secret(), baseUrl: llm.openaiUrl, ...over });
const defaultOf = async (organizationId: string) =>
  (await t.app.db.select({ id: organizations.defaultAiProviderId }).from(organizations).where(eq(organizations.id, organizationId)))[0]!.id;

describe('AI providers: CRUD (CONTRACT §8.1)', () => {
  test('create answers 201 with the object; the key is write-only, stored encrypted and bound to the row', async () => {
    const sent = body();
    const res = await A.ADMIN.post('/api/ai-providers', sent);
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(String), name: sent.name, type: 'OPENAI', model: 'gpt-test', baseUrl: llm.openaiUrl,
      isDefault: true, hasApiKey: true, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    expect(res.raw.body).not.toContain(sent.apiKey);
    const [row] = await t.app.db.select().from(aiProviders).where(eq(aiProviders.id, res.body.data.id));
    expect(row!.apiKey).not.toContain(sent.apiKey);
    expect(decryptApiKey(t.app.crypto, row!)).toBe(sent.apiKey);
    // Bound to its row: the same ciphertext on another id does not open.
    expect(() => decryptApiKey(t.app.crypto, { id: 'another-row', apiKey: row!.apiKey })).toThrow();
    const list = await A.VIEWER.get('/api/ai-providers');
    expect(list.status).toBe(200);
    expect(list.body.data.pagination).toMatchObject({ page: 1, total: 1 });
    expect(list.body.data.items[0]).toMatchObject({ id: res.body.data.id, hasApiKey: true });
    expect(list.raw.body).not.toContain(sent.apiKey);
    expect((await A.VIEWER.get(`/api/ai-providers/${res.body.data.id}`)).body.data.id).toBe(res.body.data.id);
  });

  test('AGENT writes; VIEWER gets 403 on every write; anonymous 401', async () => {
    const created = await A.AGENT.post('/api/ai-providers', body({ isDefault: false }));
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect((await A.VIEWER.post('/api/ai-providers', body())).status).toBe(403);
    expect((await A.VIEWER.patch(`/api/ai-providers/${id}`, { name: 'viewer' })).status).toBe(403);
    expect((await A.VIEWER.delete(`/api/ai-providers/${id}`)).status).toBe(403);
    expect((await A.VIEWER.post(`/api/ai-providers/${id}/test`)).status).toBe(403);
    expect((await A.AGENT.delete(`/api/ai-providers/${id}`)).body.data).toEqual({ id });
  });

  test('tenancy: another organization sees none of it and gets 404', async () => {
    const id = (await A.ADMIN.post('/api/ai-providers', body({ isDefault: false }))).body.data.id;
    expect((await B.ADMIN.get('/api/ai-providers')).body.data.items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await B.ADMIN.get(`/api/ai-providers/${id}`)).status).toBe(404);
    expect((await B.ADMIN.patch(`/api/ai-providers/${id}`, { name: 'B' })).status).toBe(404);
    expect((await B.ADMIN.delete(`/api/ai-providers/${id}`)).status).toBe(404);
    expect((await B.ADMIN.post(`/api/ai-providers/${id}/test`)).status).toBe(404);
    const patch = await B.ADMIN.patch('/api/organization', { defaultAiProviderId: id });
    expect(patch.status).toBe(400);
    expect(errorOf(patch).fields).toHaveProperty('defaultAiProviderId');
  });

  test('validation: type enum, apiKey required for OPENAI/ANTHROPIC/GOOGLE, baseUrl for OPENAI_COMPATIBLE', async () => {
    expect(errorOf(await A.ADMIN.post('/api/ai-providers', body({ type: 'BOGUS' }))).fields).toHaveProperty('type');
    for (const type of ['OPENAI', 'ANTHROPIC', 'GOOGLE']) {
      const { apiKey: _k, ...noKey } = body({ type });
      const res = await A.ADMIN.post('/api/ai-providers', noKey);
      expect(res.status).toBe(400);
      expect(errorOf(res).fields).toHaveProperty('apiKey');
    }
    const { baseUrl: _b, apiKey: _k2, ...noBase } = body({ type: 'OPENAI_COMPATIBLE' });
    expect(errorOf(await A.ADMIN.post('/api/ai-providers', noBase)).fields).toHaveProperty('baseUrl');
    const compat = await A.ADMIN.post('/api/ai-providers', { name: 'Ollama', type: 'OPENAI_COMPATIBLE', model: 'llama', baseUrl: llm.openaiNoKeyUrl, isDefault: false });
    expect(compat.status).toBe(201);
    expect(compat.body.data).toMatchObject({ hasApiKey: false, baseUrl: llm.openaiNoKeyUrl });
    // A PATCH may not leave a type without what it needs.
    const toOpenAi = await A.ADMIN.patch(`/api/ai-providers/${compat.body.data.id}`, { type: 'OPENAI' });
    expect(toOpenAi.status).toBe(400);
    expect(errorOf(toOpenAi).fields).toHaveProperty('apiKey');
    expect(errorOf(await A.ADMIN.post('/api/ai-providers', { ...body(), extra: 1 })).code).toBe('VALIDATION_ERROR');
  });

  test('PATCH is partial; a new key keeps hasApiKey and is never echoed', async () => {
    const p = (await A.ADMIN.post('/api/ai-providers', body({ isDefault: false }))).body.data;
    const renamed = await A.ADMIN.patch(`/api/ai-providers/${p.id}`, { name: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: 'Renamed', model: p.model, type: p.type, baseUrl: p.baseUrl, hasApiKey: true });
    const rotated = secret();
    const res = await A.ADMIN.patch(`/api/ai-providers/${p.id}`, { apiKey: rotated });
    expect(res.body.data).toMatchObject({ name: 'Renamed', hasApiKey: true });
    expect(res.raw.body).not.toContain(rotated);
    const [row] = await t.app.db.select().from(aiProviders).where(eq(aiProviders.id, p.id));
    expect(decryptApiKey(t.app.crypto, row!)).toBe(rotated);
  });
});

describe('the default provider', () => {
  let admin: Actor;
  beforeAll(async () => {
    admin = await signupActor(t.app, 'defaults');
  });

  test('the first becomes the default; isDefault:true moves it; exactly one; PATCH /api/organization agrees', async () => {
    const first = await admin.post('/api/ai-providers', body());
    expect(first.body.data.isDefault).toBe(true);
    const second = await admin.post('/api/ai-providers', body({ isDefault: false }));
    expect(second.body.data.isDefault).toBe(false);
    const third = await admin.post('/api/ai-providers', body({ isDefault: true }));
    expect(third.body.data.isDefault).toBe(true);
    let items = (await admin.get('/api/ai-providers')).body.data.items as { id: string; isDefault: boolean }[];
    expect(items.filter((p) => p.isDefault).map((p) => p.id)).toEqual([third.body.data.id]);
    expect((await admin.patch(`/api/ai-providers/${second.body.data.id}`, { isDefault: true })).body.data.isDefault).toBe(true);
    expect(await defaultOf(admin.organizationId)).toBe(second.body.data.id);
    const org = await admin.patch('/api/organization', { defaultAiProviderId: first.body.data.id });
    expect(org.status).toBe(200);
    expect(org.body.data.defaultAiProviderId).toBe(first.body.data.id);
    items = (await admin.get('/api/ai-providers')).body.data.items;
    expect(items.filter((p) => p.isDefault).map((p) => p.id)).toEqual([first.body.data.id]);
  });

  test('concurrent first providers: exactly one becomes the default', async () => {
    const fresh = await signupActor(t.app, 'race');
    const made = await Promise.all(Array.from({ length: 5 }, () => fresh.post('/api/ai-providers', body())));
    expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const items = (await fresh.get('/api/ai-providers')).body.data.items as { isDefault: boolean }[];
    expect(items.filter((p) => p.isDefault)).toHaveLength(1);
  });

  test('DELETE nulls channels pointing at it; a deleted default passes to the oldest remaining provider', async () => {
    const fresh = await signupActor(t.app, 'delete');
    const first = (await fresh.post('/api/ai-providers', body())).body.data;
    const second = (await fresh.post('/api/ai-providers', body({ isDefault: false }))).body.data;
    const ch = await insertChannel(t.database.db, { organizationId: fresh.organizationId, aiProviderId: second.id });
    const other = await insertChannel(t.database.db, { organizationId: fresh.organizationId, aiProviderId: first.id });
    expect((await fresh.delete(`/api/ai-providers/${second.id}`)).body.data).toEqual({ id: second.id });
    const aiIdOf = async (id: string) => (await t.app.db.select({ v: channels.aiProviderId }).from(channels).where(eq(channels.id, id)))[0]!.v;
    expect(await aiIdOf(ch.id)).toBeNull();
    expect(await aiIdOf(other.id)).toBe(first.id);
    const third = (await fresh.post('/api/ai-providers', body({ isDefault: false }))).body.data;
    await fresh.delete(`/api/ai-providers/${first.id}`);
    expect(await defaultOf(fresh.organizationId)).toBe(third.id);
    expect(await aiIdOf(other.id)).toBeNull();
    await fresh.delete(`/api/ai-providers/${third.id}`);
    expect(await defaultOf(fresh.organizationId)).toBeNull();
  });
});

describe('the outbound-URL guard on baseUrl (CONTRACT §8.6)', () => {
  // A port nothing listens on: the refusal must come before any connection is tried.
  const forbidden = 1;
  test.each([
    `http://127.0.0.1:${forbidden}/v1`,
    `https://127.0.0.2:${forbidden}/v1`,
    `https://127.1:${forbidden}/v1`,
    `https://2130706433:${forbidden}/v1`,
    `https://0x7f.1:${forbidden}/v1`,
    `https://0177.0.0.1:${forbidden}/v1`,
    `https://[::1]:${forbidden}/v1`,
    `https://[::ffff:127.0.0.1]:${forbidden}/v1`,
    `https://0.0.0.0:${forbidden}/v1`,
    `https://[::]:${forbidden}/v1`,
    'https://169.254.169.254/latest',
    'https://10.0.0.1/v1',
    'http://api.openai.com/v1',
    'ftp://example.com/v1',
  ])('create refuses %s with 400 and fields.baseUrl', async (baseUrl) => {
    const res = await A.ADMIN.post('/api/ai-providers', body({ baseUrl, isDefault: false }));
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_ERROR', fields: { baseUrl: [expect.any(String)] } });
  });

  test('update refuses a bad baseUrl and keeps the old one; the allowed fake port passes', async () => {
    const p = (await A.ADMIN.post('/api/ai-providers', body({ isDefault: false }))).body.data;
    const res = await A.ADMIN.patch(`/api/ai-providers/${p.id}`, { baseUrl: `https://[::1]:${forbidden}/v1` });
    expect(res.status).toBe(400);
    expect(errorOf(res).fields).toHaveProperty('baseUrl');
    expect((await A.ADMIN.get(`/api/ai-providers/${p.id}`)).body.data.baseUrl).toBe(llm.openaiUrl);
    expect((await A.ADMIN.patch(`/api/ai-providers/${p.id}`, { baseUrl: `https://api.anthropic.com` })).status).toBe(200);
  });
});
