import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorOf, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { twoOrganizationsWithChannels } from '../../../test/helpers/channel-orgs.ts';

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

const create = (channelId: string | null, n: number) => A.ADMIN.post('/api/faqs', { channelId, question: `Q${n}?`, answer: `A${n}.` });

describe('FAQs', () => {
  test('ADMIN creates (201, order appended per channel); AGENT and VIEWER are refused', async () => {
    const first = await create(chA, 1);
    expect(first.status).toBe(201);
    expect(first.body.data).toEqual({ id: expect.any(String), channelId: chA, question: 'Q1?', answer: 'A1.', order: 0, createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect((await create(chA, 2)).body.data.order).toBe(1);
    expect((await create(null, 3)).body.data).toMatchObject({ channelId: null, order: 0 });
    expect((await A.AGENT.post('/api/faqs', { channelId: chA, question: 'x', answer: 'y' })).status).toBe(403);
    expect((await A.VIEWER.post('/api/faqs', { channelId: chA, question: 'x', answer: 'y' })).status).toBe(403);
  });

  test('a channel of another organization is a 400 with fields.channelId; empty question is 400', async () => {
    const res = await A.ADMIN.post('/api/faqs', { channelId: chB, question: 'Q?', answer: 'A.' });
    expect(res.status).toBe(400);
    expect(errorOf(res).fields).toHaveProperty('channelId');
    const empty = await A.ADMIN.post('/api/faqs', { channelId: chA, question: '  ', answer: 'A.' });
    expect(errorOf(empty).fields).toHaveProperty('question');
  });

  test('list by channel in order; without channelId the whole organization; never another org', async () => {
    const byChannel = await A.VIEWER.get(`/api/faqs?channelId=${chA}`);
    expect(byChannel.status).toBe(200);
    expect(byChannel.body.data.items.map((f: { question: string }) => f.question)).toEqual(['Q1?', 'Q2?']);
    const all = await A.AGENT.get('/api/faqs');
    expect(all.body.data.items).toHaveLength(3);
    expect((await B.ADMIN.get(`/api/faqs?channelId=${chA}`)).body.data.items).toEqual([]);
  });

  test('update and delete: Session roles, VIEWER refused, another org 404', async () => {
    const faq = (await create(chA2, 9)).body.data;
    expect((await A.VIEWER.patch(`/api/faqs/${faq.id}`, { answer: 'no' })).status).toBe(403);
    expect((await B.ADMIN.patch(`/api/faqs/${faq.id}`, { answer: 'no' })).status).toBe(404);
    const res = await A.AGENT.patch(`/api/faqs/${faq.id}`, { answer: 'Updated.' });
    expect(res.status).toBe(200);
    expect(res.body.data.answer).toBe('Updated.');
    expect((await A.AGENT.patch(`/api/faqs/${faq.id}`, { channelId: chB })).status).toBe(400);
    expect((await B.ADMIN.delete(`/api/faqs/${faq.id}`)).status).toBe(404);
    expect((await A.VIEWER.delete(`/api/faqs/${faq.id}`)).status).toBe(403);
    expect((await A.AGENT.delete(`/api/faqs/${faq.id}`)).body.data).toEqual({ id: faq.id });
    expect((await A.AGENT.patch(`/api/faqs/${faq.id}`, { answer: 'x' })).status).toBe(404);
  });

  test('reorder: the body order becomes `order`; foreign or mixed-channel ids are 400 and change nothing', async () => {
    const ids = (await A.ADMIN.get(`/api/faqs?channelId=${chA}`)).body.data.items.map((f: { id: string }) => f.id);
    const reversed = [...ids].reverse();
    const res = await A.AGENT.post('/api/faqs/reorder', { ids: reversed });
    expect(res.status).toBe(200);
    expect(res.body.data.items.map((f: { id: string }) => f.id)).toEqual(reversed);
    expect((await A.ADMIN.get(`/api/faqs?channelId=${chA}`)).body.data.items.map((f: { id: string; order: number }) => [f.id, f.order])).toEqual(reversed.map((id, i) => [id, i]));

    const bFaq = (await B.ADMIN.post('/api/faqs', { channelId: chB, question: 'B?', answer: 'B.' })).body.data;
    const foreign = await A.AGENT.post('/api/faqs/reorder', { ids: [...ids, bFaq.id] });
    expect(foreign.status).toBe(400);
    expect(errorOf(foreign).fields).toHaveProperty('ids');
    const global = (await A.ADMIN.get('/api/faqs')).body.data.items.find((f: { channelId: string | null }) => f.channelId === null);
    expect((await A.AGENT.post('/api/faqs/reorder', { ids: [ids[0], global.id] })).status).toBe(400);
    expect((await A.VIEWER.post('/api/faqs/reorder', { ids: reversed })).status).toBe(403);
    expect((await A.AGENT.post('/api/faqs/reorder', { ids: [ids[0], ids[0]] })).status).toBe(400);
    expect((await A.ADMIN.get(`/api/faqs?channelId=${chA}`)).body.data.items.map((f: { id: string }) => f.id)).toEqual(reversed);
  });
});
