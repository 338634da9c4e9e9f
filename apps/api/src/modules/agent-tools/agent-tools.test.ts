import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agentTools } from '../../db/schema/index.ts';
import { buildTestApp, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';
import { startToolTarget, type ToolTarget } from '../../../test/helpers/tool-target.ts';
import { decryptToolSecrets } from './secrets.ts';

let t: TestApp;
let target: ToolTarget;
let A: Org;
let B: Org;
beforeAll(async () => {
  target = await startToolTarget();
  t = await buildTestApp({ OUTBOUND_ALLOW: `127.0.0.1:${target.port}` });
  ({ A, B } = await twoOrganizations(t.app));
});
afterAll(async () => {
  await t.close();
  await target.close();
});

let seq = 0;
const BEARER = 'bearer-secret-value-1';
const HEADER = 'header-secret-value-2';
const tool = (over: Record<string, unknown> = {}) => ({
  name: `lookup_${seq++}`,
  description: 'Look up an order',
  method: 'GET',
  url: `${target.base}/echo/{orderId}`,
  parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
  headers: [{ name: 'X-Shop-Token', value: HEADER }],
  auth: { type: 'BEARER', secret: BEARER },
  ...over,
});
const channelOf = async (organizationId: string) => (await insertChannel(t.app.db, { organizationId, type: 'WEBSITE_CHAT', name: `ch ${seq++}` })).id;

describe('agent tools: CRUD (CONTRACT §9)', () => {
  test('create 201; header values and the secret are write-only, encrypted and bound to the row', async () => {
    const sent = tool();
    const res = await A.ADMIN.post('/api/agent-tools', sent);
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(String), name: sent.name, description: sent.description, channelId: null, method: 'GET', url: sent.url,
      parameters: sent.parameters, headers: [{ name: 'X-Shop-Token', hasValue: true }], auth: { type: 'BEARER' }, hasSecret: true,
      enabled: true, timeoutMs: 10000, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    expect(res.raw.body).not.toContain(BEARER);
    expect(res.raw.body).not.toContain(HEADER);
    const [row] = await t.app.db.select().from(agentTools).where(eq(agentTools.id, res.body.data.id));
    expect(row!.secrets).not.toContain(BEARER);
    expect(decryptToolSecrets(t.app.crypto, row!)).toEqual({ headers: { 'X-Shop-Token': HEADER }, authSecret: BEARER });
    expect(() => decryptToolSecrets(t.app.crypto, { id: 'another-row', secrets: row!.secrets })).toThrow();
    const list = await A.VIEWER.get('/api/agent-tools');
    expect(list.status).toBe(200);
    expect(list.body.data.items.map((x: { id: string }) => x.id)).toContain(res.body.data.id);
    expect(list.raw.body).not.toContain(BEARER);
  });

  test('PATCH is partial and keeps the secrets; auth NONE drops the secret', async () => {
    const id = (await A.ADMIN.post('/api/agent-tools', tool())).body.data.id;
    const res = await A.AGENT.patch(`/api/agent-tools/${id}`, { description: 'Renamed', enabled: false });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ description: 'Renamed', enabled: false, hasSecret: true, headers: [{ name: 'X-Shop-Token', hasValue: true }], auth: { type: 'BEARER' } });
    const [row] = await t.app.db.select().from(agentTools).where(eq(agentTools.id, id));
    expect(decryptToolSecrets(t.app.crypto, row!).authSecret).toBe(BEARER);
    const none = await A.AGENT.patch(`/api/agent-tools/${id}`, { auth: { type: 'NONE' }, headers: [] });
    expect(none.body.data).toMatchObject({ hasSecret: false, headers: [], auth: { type: 'NONE' } });
  });

  test('validation: name rule, 409 on a taken name, schema checked with ajv, timeout, method, auth needs a secret', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await A.ADMIN.post('/api/agent-tools', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.error.fields).join(',')).toContain(field);
    };
    await bad(tool({ name: 'Lookup' }), 'name');
    await bad(tool({ name: '1lookup' }), 'name');
    await bad(tool({ name: `a${'b'.repeat(64)}` }), 'name');
    await bad(tool({ parameters: { type: 'string' } }), 'parameters');
    await bad(tool({ parameters: { type: 'banana', properties: {} } }), 'parameters');
    await bad(tool({ parameters: { type: 'object', properties: 'nope' } }), 'parameters');
    await bad(tool({ parameters: { type: 'object', required: 'a' } }), 'parameters');
    const big = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`p${i}`, { type: 'string', description: 'x'.repeat(60) }]));
    await bad(tool({ parameters: { type: 'object', properties: big } }), 'parameters');
    await bad(tool({ timeoutMs: 30001 }), 'timeoutMs');
    await bad(tool({ method: 'FETCH' }), 'method');
    await bad(tool({ auth: { type: 'BEARER' } }), 'auth');
    await bad(tool({ auth: { type: 'HEADER', secret: 'x' } }), 'auth');
    const name = `taken_${seq++}`;
    expect((await A.ADMIN.post('/api/agent-tools', tool({ name }))).status).toBe(201);
    const again = await A.ADMIN.post('/api/agent-tools', tool({ name }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    // Another organization may use the same name.
    expect((await B.ADMIN.post('/api/agent-tools', tool({ name }))).status).toBe(201);
  });

  test('the URL passes the outbound guard at create and update; placeholders never pick the host', async () => {
    for (const url of ['https://127.0.0.2/x', 'https://0177.0.0.1/x', 'https://0.0.0.0/x', 'https://[::]/x', 'https://[::ffff:127.0.0.1]/x', 'https://2130706433/x', 'https://10.0.0.1/x', 'http://example.com/x', 'https://{host}/x', 'https://example.com:{port}/x']) {
      const res = await A.ADMIN.post('/api/agent-tools', tool({ url }));
      expect(res.status, url).toBe(400);
      expect(res.body.error.fields).toHaveProperty('url');
    }
    const id = (await A.ADMIN.post('/api/agent-tools', tool())).body.data.id;
    expect((await A.ADMIN.patch(`/api/agent-tools/${id}`, { url: 'https://127.1/x' })).status).toBe(400);
  });

  test('VIEWER 403 on writes and test; another organization 404', async () => {
    const id = (await A.ADMIN.post('/api/agent-tools', tool())).body.data.id;
    expect((await A.VIEWER.post('/api/agent-tools', tool())).status).toBe(403);
    expect((await A.VIEWER.patch(`/api/agent-tools/${id}`, { description: 'v' })).status).toBe(403);
    expect((await A.VIEWER.delete(`/api/agent-tools/${id}`)).status).toBe(403);
    expect((await A.VIEWER.post(`/api/agent-tools/${id}/test`, { arguments: { orderId: '1' } })).status).toBe(403);
    expect((await A.VIEWER.get(`/api/agent-tools/${id}/logs`)).status).toBe(200);
    expect((await B.ADMIN.patch(`/api/agent-tools/${id}`, { description: 'b' })).status).toBe(404);
    expect((await B.ADMIN.get(`/api/agent-tools/${id}/logs`)).status).toBe(404);
    expect((await B.ADMIN.post(`/api/agent-tools/${id}/test`, { arguments: { orderId: '1' } })).status).toBe(404);
    expect((await B.ADMIN.delete(`/api/agent-tools/${id}`)).status).toBe(404);
    expect(target.hits).toHaveLength(0);
  });

  test('channel scope: POST /api/channels/[id]/agent-tools; GET lists organization-wide plus its own, not another channel\'s', async () => {
    const [x, y] = [await channelOf(A.ADMIN.organizationId), await channelOf(A.ADMIN.organizationId)];
    const orgWide = (await A.ADMIN.post('/api/agent-tools', tool())).body.data.id;
    const onX = await A.ADMIN.post(`/api/channels/${x}/agent-tools`, tool());
    expect(onX.status).toBe(201);
    expect(onX.body.data.channelId).toBe(x);
    const onY = await A.ADMIN.post('/api/agent-tools', tool({ channelId: y }));
    expect(onY.body.data.channelId).toBe(y);
    const ids = (await A.VIEWER.get(`/api/channels/${x}/agent-tools`)).body.data.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(orgWide);
    expect(ids).toContain(onX.body.data.id);
    expect(ids).not.toContain(onY.body.data.id);
    expect((await B.ADMIN.get(`/api/channels/${x}/agent-tools`)).status).toBe(404);
    expect((await B.ADMIN.post(`/api/channels/${x}/agent-tools`, tool())).status).toBe(404);
    expect((await A.ADMIN.post('/api/agent-tools', tool({ channelId: await channelOf(B.ADMIN.organizationId) }))).status).toBe(400);
  });
});
