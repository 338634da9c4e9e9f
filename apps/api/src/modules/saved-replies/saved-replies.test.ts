import { randomUUID } from 'node:crypto';
import { expandSavedReply } from '@helpstack/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { client, errorOf, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { twoOrganizationsWithChannels } from '../../../test/helpers/channel-orgs.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';

let t: TestApp;
let A: Org;
let B: Org;
let chA: string;
let chA2: string;
let chB: string;
beforeAll(async () => {
  ({ t, A, B, chA, chA2, chB } = await twoOrganizationsWithChannels({ secondInA: 'Second' }));
});
afterAll(() => t.close());

const body = (shortcut: string, extra: Record<string, unknown> = {}) => ({
  shortcut,
  title: `Title ${shortcut}`,
  content: 'Hi {{customer.name}}, {{agent.name}} here about #{{ conversation.id }}.',
  ...extra,
});

describe('saved replies', () => {
  test('AGENT and ADMIN create (201, shortcut lower-cased); VIEWER 403; anonymous 401', async () => {
    const res = await A.AGENT.post('/api/saved-replies', body('Refund'));
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.any(String),
      shortcut: 'refund',
      title: 'Title Refund',
      content: 'Hi {{customer.name}}, {{agent.name}} here about #{{ conversation.id }}.',
      channelId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await A.ADMIN.post('/api/saved-replies', body('shipping', { channelId: chA }))).body.data.channelId).toBe(chA);
    expect((await A.VIEWER.post('/api/saved-replies', body('nope'))).status).toBe(403);
    expect((await client(t.app).post('/api/saved-replies', body('nope'))).status).toBe(401);
  });

  test('a shortcut is unique per organization (409), not across organizations', async () => {
    const dup = await A.ADMIN.post('/api/saved-replies', body('REFUND'));
    expect(dup.status).toBe(409);
    expect(errorOf(dup).code).toBe('CONFLICT');
    expect((await B.ADMIN.post('/api/saved-replies', body('refund'))).status).toBe(201);
  });

  test('bad input: 400 with the field', async () => {
    const fieldOf = async (b: Record<string, unknown>) => Object.keys(errorOf(await A.AGENT.post('/api/saved-replies', b)).fields ?? {});
    expect(await fieldOf(body('has space'))).toEqual(['shortcut']);
    expect(await fieldOf(body('/slash'))).toEqual(['shortcut']);
    expect(await fieldOf(body('x'.repeat(33)))).toEqual(['shortcut']);
    expect(await fieldOf(body('ok', { title: ' ' }))).toEqual(['title']);
    expect(await fieldOf(body('ok', { content: '' }))).toEqual(['content']);
    expect(await fieldOf(body('ok', { content: 'Hi {{customer.password}}' }))).toEqual(['content']);
    expect(await fieldOf(body('ok', { channelId: chB }))).toEqual(['channelId']);
    expect((await A.AGENT.post('/api/saved-replies', body('ok', { extra: 1 }))).status).toBe(400);
  });

  test('every member lists; channelId narrows to the channel\'s own and the organization-wide ones; never another org\'s', async () => {
    await A.AGENT.post('/api/saved-replies', body('second-only', { channelId: chA2 }));
    const all = await A.VIEWER.get('/api/saved-replies');
    expect(all.status).toBe(200);
    expect(all.body.data.items.map((r: { shortcut: string }) => r.shortcut)).toEqual(['refund', 'second-only', 'shipping']);
    const forChA = await A.VIEWER.get(`/api/saved-replies?channelId=${chA}`);
    expect(forChA.body.data.items.map((r: { shortcut: string }) => r.shortcut)).toEqual(['refund', 'shipping']);
    expect((await B.VIEWER.get('/api/saved-replies')).body.data.items.map((r: { shortcut: string }) => r.shortcut)).toEqual(['refund']);
  });

  test('update and delete: AGENT/ADMIN, VIEWER 403, another org 404, shortcut clash 409', async () => {
    const reply = (await A.AGENT.post('/api/saved-replies', body('greet'))).body.data;
    expect((await A.VIEWER.patch(`/api/saved-replies/${reply.id}`, { title: 'x' })).status).toBe(403);
    expect((await B.ADMIN.patch(`/api/saved-replies/${reply.id}`, { title: 'x' })).status).toBe(404);
    expect((await A.AGENT.patch(`/api/saved-replies/${randomUUID()}`, { title: 'x' })).status).toBe(404);
    const res = await A.ADMIN.patch(`/api/saved-replies/${reply.id}`, { title: 'Greeting', shortcut: 'Hello', channelId: chA });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ title: 'Greeting', shortcut: 'hello', channelId: chA });
    expect((await A.ADMIN.patch(`/api/saved-replies/${reply.id}`, { channelId: null })).body.data.channelId).toBeNull();
    expect(errorOf(await A.ADMIN.patch(`/api/saved-replies/${reply.id}`, { shortcut: 'refund' })).code).toBe('CONFLICT');
    expect(errorOf(await A.ADMIN.patch(`/api/saved-replies/${reply.id}`, { channelId: chB })).fields).toHaveProperty('channelId');
    expect((await A.VIEWER.delete(`/api/saved-replies/${reply.id}`)).status).toBe(403);
    expect((await B.ADMIN.delete(`/api/saved-replies/${reply.id}`)).status).toBe(404);
    expect((await A.AGENT.delete(`/api/saved-replies/${reply.id}`)).body.data).toEqual({ id: reply.id });
    expect((await A.AGENT.delete(`/api/saved-replies/${reply.id}`)).status).toBe(404);
  });

  test('a deleted channel takes its saved replies with it', async () => {
    const ch = (await insertChannel(t.database.db, { organizationId: A.ADMIN.organizationId, name: 'Temp' })).id;
    await A.AGENT.post('/api/saved-replies', body('temp', { channelId: ch }));
    expect((await A.ADMIN.delete(`/api/channels/${ch}`)).status).toBe(200);
    expect((await A.VIEWER.get('/api/saved-replies')).body.data.items.map((r: { shortcut: string }) => r.shortcut)).not.toContain('temp');
  });
});

describe('expandSavedReply', () => {
  test('fills the known variables; a missing value becomes empty, never a raw {{…}}', () => {
    const content = 'Hi {{customer.name}}, {{agent.name}} here about #{{ conversation.id }}.';
    expect(expandSavedReply(content, { 'customer.name': 'Vera', 'agent.name': 'Ada', 'conversation.id': 'c1' })).toBe('Hi Vera, Ada here about #c1.');
    expect(expandSavedReply(content, { 'agent.name': 'Ada' })).toBe('Hi , Ada here about #.');
  });
});
