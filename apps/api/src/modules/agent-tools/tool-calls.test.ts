import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { buildTestApp, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { startFakeLlm, type FakeLlm } from '../../../test/helpers/fake-llm.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';
import { startToolTarget, type ToolTarget } from '../../../test/helpers/tool-target.ts';
import { recordInboundMessage } from '../inbox/record-inbound-message.ts';

let t: TestApp;
let llm: FakeLlm;
let target: ToolTarget;
/** Not in OUTBOUND_ALLOW: nothing may ever reach it. */
let tripwire: ToolTarget;
let A: Org;
let B: Org;
beforeAll(async () => {
  tripwire = await startToolTarget();
  target = await startToolTarget({ redirectTo: `${tripwire.base}/echo/redirected` });
  llm = await startFakeLlm();
  t = await buildTestApp({ OUTBOUND_ALLOW: `127.0.0.1:${target.port},127.0.0.1:${llm.port}` });
  ({ A, B } = await twoOrganizations(t.app));
  await A.ADMIN.post('/api/ai-providers', { name: 'Fake', type: 'OPENAI', model: 'gpt-fake', apiKey: 'sk-test-tools', baseUrl: llm.openaiUrl });
});
afterAll(async () => {
  await t.close();
  await llm.close();
  await target.close();
  await tripwire.close();
});
beforeEach(() => {
  llm.reset();
  target.hits.length = 0;
});
afterAll(() => expect(tripwire.hits).toEqual([]));

let seq = 0;
const SECRETS = { bearer: 'bearer-secret-9f2c', header: 'header-secret-71aa', basic: 'shop:basic-pass-33d1', apiKey: 'apikey-secret-0c4e' };
const create = async (over: Record<string, unknown> = {}) => {
  const res = await A.ADMIN.post('/api/agent-tools', {
    name: `tool_${seq++}`,
    description: 'Look up an order',
    method: 'GET',
    url: `${target.base}/echo/{orderId}`,
    parameters: { type: 'object', properties: { orderId: { type: 'string' }, verbose: { type: 'string' } }, required: ['orderId'] },
    headers: [{ name: 'X-Shop-Token', value: SECRETS.header }],
    auth: { type: 'BEARER', secret: SECRETS.bearer },
    timeoutMs: 3000,
    ...over,
  });
  if (res.status !== 201) throw new Error(`tool: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; name: string };
};
const run = (id: string, args: Record<string, unknown>) => A.AGENT.post(`/api/agent-tools/${id}/test`, { arguments: args });

describe('POST /api/agent-tools/[id]/test: one real call, logged (CONTRACT §9)', () => {
  test('GET: placeholder URL-encoded, the rest in the query, bearer and stored headers sent; the log entry answers', async () => {
    const tool = await create();
    const res = await run(tool.id, { orderId: 'A 17/x', verbose: 'yes' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ toolId: tool.id, status: 'SUCCESS', httpStatus: 200, conversationId: null, messageId: null, error: null, arguments: { orderId: 'A 17/x', verbose: 'yes' } });
    const [hit] = target.hits;
    expect(hit).toMatchObject({ method: 'GET', path: '/echo/A%2017%2Fx', query: { verbose: 'yes' } });
    expect(hit!.headers.authorization).toBe(`Bearer ${SECRETS.bearer}`);
    expect(hit!.headers['x-shop-token']).toBe(SECRETS.header);
    expect(res.body.data.responsePreview).toContain(hit!.token);
  });

  test('POST: the rest as a JSON body with BASIC auth; DELETE: query with HEADER auth', async () => {
    const post = await create({ method: 'POST', url: `${target.base}/echo/t/{orderId}`, parameters: { type: 'object', properties: { orderId: { type: 'string' }, qty: { type: 'integer' } } }, headers: [], auth: { type: 'BASIC', secret: SECRETS.basic } });
    expect((await run(post.id, { orderId: 'o1', qty: 2 })).body.data.status).toBe('SUCCESS');
    expect(target.hits[0]).toMatchObject({ method: 'POST', path: '/echo/t/o1', query: {} });
    expect(JSON.parse(target.hits[0]!.bodyText)).toEqual({ qty: 2 });
    expect(target.hits[0]!.headers.authorization).toBe(`Basic ${Buffer.from(SECRETS.basic).toString('base64')}`);
    const del = await create({ method: 'DELETE', headers: [], auth: { type: 'HEADER', headerName: 'X-Api-Key', secret: SECRETS.apiKey } });
    expect((await run(del.id, { orderId: 'o2', verbose: 'no' })).body.data.status).toBe('SUCCESS');
    expect(target.hits[1]).toMatchObject({ method: 'DELETE', path: '/echo/o2', query: { verbose: 'no' }, bodyText: '' });
    expect(target.hits[1]!.headers['x-api-key']).toBe(SECRETS.apiKey);
  });

  test('arguments that do not match the schema: logged ERROR, no request', async () => {
    const tool = await create();
    const res = await run(tool.id, { verbose: 'missing orderId' });
    expect(res.body.data).toMatchObject({ status: 'ERROR', httpStatus: null });
    expect(res.body.data.error).toContain('orderId');
    expect(target.hits).toHaveLength(0);
  });

  test('ERROR with its status; TIMEOUT; a 200 KB answer read to 64 KB with a 2 KB preview; a 302 not followed', async () => {
    const failing = await create({ url: `${target.base}/status/503`, parameters: { type: 'object', properties: {} } });
    expect((await run(failing.id, {})).body.data).toMatchObject({ status: 'ERROR', httpStatus: 503 });
    const slow = await create({ url: `${target.base}/slow`, parameters: { type: 'object', properties: {} }, timeoutMs: 300 });
    const timedOut = (await run(slow.id, {})).body.data;
    expect(timedOut).toMatchObject({ status: 'TIMEOUT', httpStatus: null });
    expect(timedOut.durationMs).toBeLessThan(3000);
    const big = await create({ url: `${target.base}/big`, parameters: { type: 'object', properties: {} } });
    const bigLog = (await run(big.id, {})).body.data;
    expect(bigLog).toMatchObject({ status: 'SUCCESS', httpStatus: 200 });
    expect(Buffer.byteLength(bigLog.responsePreview)).toBeLessThanOrEqual(2048);
    expect(bigLog.responsePreview.length).toBeGreaterThan(1000);
    const redirect = await create({ url: `${target.base}/redirect`, parameters: { type: 'object', properties: {} } });
    expect((await run(redirect.id, {})).body.data).toMatchObject({ status: 'ERROR', httpStatus: 302 });
    await new Promise((r) => setTimeout(r, 200));
    expect(tripwire.hits).toEqual([]);
  });

  test('a name that resolves to loopback is BLOCKED at call time and nothing is sent', async () => {
    const tool = await create({ url: `https://localhost:${tripwire.port}/echo/{orderId}` });
    expect((await run(tool.id, { orderId: 'x' })).body.data).toMatchObject({ status: 'BLOCKED', httpStatus: null });
    expect(tripwire.hits).toEqual([]);
  });

  test('logs: newest first, paged (§1), without secrets; deleting the tool removes them', async () => {
    const tool = await create();
    for (const orderId of ['first', 'second', 'third']) await run(tool.id, { orderId });
    const page = await A.VIEWER.get(`/api/agent-tools/${tool.id}/logs?pageSize=2`);
    expect(page.status).toBe(200);
    expect(page.body.data.items.map((l: { arguments: { orderId: string } }) => l.arguments.orderId)).toEqual(['third', 'second']);
    expect(page.body.data.pagination).toMatchObject({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    for (const s of Object.values(SECRETS)) expect(page.raw.body).not.toContain(s);
    expect((await A.ADMIN.delete(`/api/agent-tools/${tool.id}`)).body.data).toEqual({ id: tool.id });
    expect((await A.VIEWER.get(`/api/agent-tools/${tool.id}/logs`)).status).toBe(404);
  });
});

describe('tools in generate-reply (CONTRACT §8.4, §9)', () => {
  const channel = async () => (await insertChannel(t.app.db, { organizationId: A.ADMIN.organizationId, type: 'WEBSITE_CHAT', name: `ch ${seq++}`, autoTranslate: false })).id;
  const customerAsks = (channelId: string, content: string) =>
    recordInboundMessage(t.app, { organizationId: A.ADMIN.organizationId, channelId, externalId: `v${seq++}`, content });

  test('the model calls an offered tool: the result goes back, toolCalls answers, the call is logged with conversation and message', async () => {
    const [here, elsewhere] = [await channel(), await channel()];
    const tool = await create();
    const onOther = await create({ channelId: elsewhere });
    const disabled = await create({ enabled: false });
    const r = await customerAsks(here, `Hello, where is my order? It has not arrived yet after two weeks. CALL_TOOL ${tool.name} {"orderId":"A-17"}`);
    const res = await A.AGENT.post(`/api/messages/${r.message.id}/generate-reply`, {});
    expect(res.status).toBe(200);
    expect(res.body.data.toolCalls).toEqual([{ toolId: tool.id, name: tool.name, status: 'SUCCESS' }]);
    const [hit] = target.hits;
    expect(hit).toMatchObject({ method: 'GET', path: '/echo/A-17' });
    expect(res.body.data.content).toContain('tool said:');
    expect(res.body.data.content).toContain(hit!.token);
    const offered = (llm.requests[0]!.body.tools as { function: { name: string } }[]).map((x) => x.function.name);
    expect(offered).toContain(tool.name);
    expect(offered).not.toContain(onOther.name);
    expect(offered).not.toContain(disabled.name);
    for (const s of Object.values(SECRETS)) expect(llm.requests.map((q) => q.bodyText).join('\n')).not.toContain(s);
    const logs = (await A.VIEWER.get(`/api/agent-tools/${tool.id}/logs`)).body.data.items;
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ status: 'SUCCESS', conversationId: r.conversation.id, messageId: r.message.id, arguments: { orderId: 'A-17' } });
  });

  test('invalid arguments from the model: no request, ERROR in toolCalls and the log', async () => {
    const tool = await create();
    const r = await customerAsks(await channel(), `Hello, please check my order status for me today. CALL_TOOL ${tool.name} {"verbose":"1"}`);
    const res = await A.AGENT.post(`/api/messages/${r.message.id}/generate-reply`, {});
    expect(res.body.data.toolCalls).toEqual([{ toolId: tool.id, name: tool.name, status: 'ERROR' }]);
    expect(target.hits).toHaveLength(0);
  });

  test('another organization\'s tools are never offered', async () => {
    const theirs = await B.ADMIN.post('/api/agent-tools', { name: `theirs_${seq++}`, description: 'x', method: 'GET', url: `${target.base}/echo` });
    expect(theirs.status).toBe(201);
    const r = await customerAsks(await channel(), 'Hello, I have a question about my recent order and delivery.');
    await A.AGENT.post(`/api/messages/${r.message.id}/generate-reply`, {});
    expect(llm.requests[0]!.bodyText).not.toContain(theirs.body.data.name);
  });
});
