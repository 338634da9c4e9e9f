import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { faqs, organizations } from '../../db/schema/index.ts';
import { buildTestApp, errorOf, signupActor, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { startFakeLlm, type FakeLlm } from '../../../test/helpers/fake-llm.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';
import type { AiPort } from '../ai/port.ts';
import { recordInboundMessage } from '../inbox/record-inbound-message.ts';
import { generateFaqs } from './faq-generation.ts';

let t: TestApp;
let llm: FakeLlm;
let A: Org;
let B: Org;

const GERMAN = (n: string) => `Guten Tag, ich habe vor zwei Wochen eine Bestellung aufgegeben und sie ist immer noch nicht angekommen. Bestellnummer ${n}.`;
const ENGLISH = (w: string) => `Hello, I would like to know where my order is, it has not arrived yet. The reference is ${w}.`;
const MODEL = 'gpt-fake';

let seq = 0;
const word = () => `zq${Date.now().toString(36)}${(seq++).toString(36)}`;
const addProvider = async (actor: Actor) => {
  const res = await actor.post('/api/ai-providers', { name: `Fake ${seq++}`, type: 'OPENAI', model: MODEL, apiKey: `sk-test-${word()}`, baseUrl: llm.openaiUrl });
  if (res.status !== 201) throw new Error(`provider: ${res.status} ${JSON.stringify(res.body)}`);
};
const channel = async (organizationId: string, settings: Record<string, unknown>) =>
  (await insertChannel(t.app.db, { organizationId, type: 'WEBSITE_CHAT', name: `ch ${word()}`, defaultLanguage: 'en', ...settings })).id;
const customerSays = (organizationId: string, channelId: string, content: string, externalId = word(), name?: string) =>
  recordInboundMessage(t.app, { organizationId, channelId, externalId, content, customer: name ? { name } : undefined });
const setBalance = (organizationId: string, n: number) => t.app.db.update(organizations).set({ tokenBalance: n }).where(eq(organizations.id, organizationId));

type Msg = Record<string, any>;
const messagesOf = async (actor: Actor, conversationId: string): Promise<Msg[]> =>
  (await actor.get(`/api/conversations/${conversationId}/messages`)).body.data.items;
/** Polls (dispatching the outbox each time) until a message matches. */
async function waitMessage(actor: Actor, conversationId: string, match: (m: Msg) => boolean, what: string, timeoutMs = 15_000): Promise<Msg> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await t.app.events.dispatch();
    const found = (await messagesOf(actor, conversationId)).find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await messagesOf(actor, conversationId))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const reply = (actor: Actor, conversationId: string, content: string) =>
  actor.post(`/api/conversations/${conversationId}/messages`, { conversationId, content });

beforeAll(async () => {
  llm = await startFakeLlm();
  t = await buildTestApp({ OUTBOUND_ALLOW: `127.0.0.1:${llm.port}` });
  ({ A, B } = await twoOrganizations(t.app));
  await addProvider(A.ADMIN);
});
afterAll(async () => {
  await t.close();
  await llm.close();
});
beforeEach(() => llm.reset());

describe('inbound translation (CONTRACT §8.3)', () => {
  test('a message in another language is translated in the background into the agent language', async () => {
    const org = A.ADMIN.organizationId;
    const ch = await channel(org, { autoTranslate: true, translateToLanguage: 'en' });
    const marker = `Bestellnummer ${word()}`;
    const r = await customerSays(org, ch, GERMAN(marker));
    // Stored and shown at once, untranslated.
    expect(r.message).toMatchObject({ language: 'de', translatedContent: null, translationStatus: 'NONE' });
    const m = await waitMessage(A.AGENT, r.conversation.id, (x) => x.id === r.message.id && x.translationStatus === 'DONE', 'the translation');
    expect(m.translatedLanguage).toBe('en');
    expect(m.translatedContent).toContain(`[${MODEL}]`);
    expect(m.content).toContain(marker);
    expect(llm.requests.some((q) => q.bodyText.includes(marker))).toBe(true);
  });

  test('the agent language, no autoTranslate, or no provider: nothing is translated', async () => {
    const org = A.ADMIN.organizationId;
    const english = await customerSays(org, await channel(org, { autoTranslate: true }), ENGLISH(word()));
    const off = await customerSays(org, await channel(org, { autoTranslate: false }), GERMAN(word()));
    const noProvider = await customerSays(B.ADMIN.organizationId, await channel(B.ADMIN.organizationId, { autoTranslate: true }), GERMAN(word()));
    await t.app.events.dispatch();
    await new Promise((r) => setTimeout(r, 1500));
    expect(llm.requests).toHaveLength(0);
    expect((await messagesOf(A.AGENT, english.conversation.id))[0]).toMatchObject({ translationStatus: 'NONE', translatedContent: null });
    expect((await messagesOf(A.AGENT, off.conversation.id))[0]).toMatchObject({ translationStatus: 'NONE', translatedContent: null });
    expect((await messagesOf(B.AGENT, noProvider.conversation.id))[0]).toMatchObject({ translationStatus: 'NONE' });
  });

  test('zero tokens: skipped without a provider call, translationStatus FAILED', async () => {
    const admin = await signupActor(t.app, 'broke');
    await addProvider(admin);
    await setBalance(admin.organizationId, 0);
    const r = await customerSays(admin.organizationId, await channel(admin.organizationId, { autoTranslate: true }), GERMAN(word()));
    const m = await waitMessage(admin, r.conversation.id, (x) => x.translationStatus === 'FAILED', 'translationStatus FAILED');
    expect(m.translatedContent).toBeNull();
    expect(llm.requests).toHaveLength(0);
  });
});

describe('outbound translation and approval (CONTRACT §8.3)', () => {
  const germanConversation = async (settings: Record<string, unknown> = {}) => {
    const org = A.ADMIN.organizationId;
    const ch = await channel(org, { autoTranslate: true, translateToLanguage: 'en', ...settings });
    const visitor = randomUUID();
    const r = await customerSays(org, ch, GERMAN(word()), visitor);
    expect(r.conversation.language).toBe('de');
    return { ch, visitor, conversationId: r.conversation.id };
  };

  test('a reply waits: approved false, PENDING; approve is 409 until DONE; then the customer gets the translation', async () => {
    const { ch, visitor, conversationId } = await germanConversation();
    const token = word();
    llm.delayNext(1500, { match: token });
    const res = await reply(A.AGENT, conversationId, `Your parcel ${token} is on its way.`);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ approved: false, status: 'PENDING', translationStatus: 'PENDING' });
    const early = await A.AGENT.post(`/api/messages/${res.body.data.id}/approve`);
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('CONFLICT');
    const done = await waitMessage(A.AGENT, conversationId, (x) => x.id === res.body.data.id && x.translationStatus === 'DONE', 'the reply translated');
    expect(done).toMatchObject({ approved: false, status: 'PENDING', translatedLanguage: 'de', content: `Your parcel ${token} is on its way.` });
    expect(done.translatedContent).toContain(`[${MODEL}]`);
    const approved = await A.AGENT.post(`/api/messages/${done.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.data.approved).toBe(true);
    const view = await t.app.inject({ method: 'GET', url: `/api/widget/${ch}/conversation?visitorId=${visitor}` });
    expect(view.statusCode, view.body).toBe(200);
    expect(JSON.parse(view.body).data.messages.map((m: Msg) => m.content)).toContain(done.translatedContent);
    // Sent (or on its way): its text can no longer be retranslated.
    await waitMessage(A.AGENT, conversationId, (x) => x.id === done.id && x.status !== 'PENDING', 'the reply sent');
    expect((await A.AGENT.post(`/api/messages/${done.id}/retranslate`, {})).status).toBe(409);
  });

  test('autoApprove: the translated reply is approved and sent by itself', async () => {
    const { conversationId } = await germanConversation({ autoApprove: true });
    const res = await reply(A.AGENT, conversationId, `We found your parcel ${word()}.`);
    const m = await waitMessage(A.AGENT, conversationId, (x) => x.id === res.body.data.id && x.approved === true, 'the reply approved');
    expect(m).toMatchObject({ translationStatus: 'DONE', translatedLanguage: 'de' });
  });

  test('autoEnhance: the draft is rewritten first (content enhanced, originalContent what was typed), then translated', async () => {
    const { conversationId } = await germanConversation({ autoEnhance: true });
    const typed = `thx, parcel ${word()} is comming`;
    const res = await reply(A.AGENT, conversationId, typed);
    const m = await waitMessage(A.AGENT, conversationId, (x) => x.id === res.body.data.id && x.translationStatus === 'DONE', 'the reply enhanced and translated');
    expect(m.originalContent).toBe(typed);
    expect(m.content).toBe(`[${MODEL}] ${typed}`);
    expect(m.translatedContent).toBe(`[${MODEL}] [${MODEL}] ${typed}`);
  });

  test('a failed translation: approving sends the original', async () => {
    const { conversationId } = await germanConversation();
    const token = word();
    llm.failNext(500, { match: token, times: 5 });
    const res = await reply(A.AGENT, conversationId, `Sorry ${token}`);
    const m = await waitMessage(A.AGENT, conversationId, (x) => x.id === res.body.data.id && x.translationStatus === 'FAILED', 'translationStatus FAILED');
    expect(m.translatedContent).toBeNull();
    const approved = await A.AGENT.post(`/api/messages/${m.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ approved: true, translatedContent: null, content: `Sorry ${token}` });
  });

  test('no provider: a reply to a foreign-language customer goes out as typed', async () => {
    const org = B.ADMIN.organizationId;
    const ch = await channel(org, { autoTranslate: true });
    const r = await customerSays(org, ch, GERMAN(word()));
    const res = await reply(B.AGENT, r.conversation.id, 'Hello');
    expect(res.body.data).toMatchObject({ approved: true, translationStatus: 'NONE' });
  });
});

describe('POST /api/messages/[id]/retranslate', () => {
  test('an inbound message is translated again synchronously into the agent language; VIEWER 403, another organization 404', async () => {
    const org = A.ADMIN.organizationId;
    const ch = await channel(org, { autoTranslate: false, translateToLanguage: 'en' });
    const marker = word();
    const r = await customerSays(org, ch, GERMAN(marker));
    expect((await A.VIEWER.post(`/api/messages/${r.message.id}/retranslate`, {})).status).toBe(403);
    expect((await B.ADMIN.post(`/api/messages/${r.message.id}/retranslate`, {})).status).toBe(404);
    const res = await A.AGENT.post(`/api/messages/${r.message.id}/retranslate`, {});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: r.message.id, translatedLanguage: 'en', translationStatus: 'DONE' });
    expect(res.body.data.translatedContent).toContain(`[${MODEL}]`);
    const fr = await A.AGENT.post(`/api/messages/${r.message.id}/retranslate`, { targetLanguage: 'fr' });
    expect(fr.body.data.translatedLanguage).toBe('fr');
    expect(llm.requests.filter((q) => q.bodyText.includes(marker))).toHaveLength(2);
  });
});

describe('POST /api/messages/[id]/generate-reply', () => {
  test('a suggestion from the conversation, both FAQs and the customer; nothing stored', async () => {
    const org = A.ADMIN.organizationId;
    const ch = await channel(org, { autoTranslate: false, translateToLanguage: 'en' });
    const words = { msg: word(), chFaq: word(), orgFaq: word(), name: `Ada ${word()}` };
    await t.app.db.insert(faqs).values([
      { organizationId: org, channelId: ch, question: 'How long does shipping take?', answer: `Three days ${words.chFaq}`, order: 0 },
      { organizationId: org, channelId: null, question: 'Can I return an item?', answer: `Thirty days ${words.orgFaq}`, order: 0 },
    ]);
    const r = await customerSays(org, ch, ENGLISH(words.msg), word(), words.name);
    const res = await A.AGENT.post(`/api/messages/${r.message.id}/generate-reply`, { instructions: 'Be brief.' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ language: 'en', translatedContent: null, translatedLanguage: null, toolCalls: [], tokensCharged: 2 });
    expect(res.body.data.content).toContain(`[${MODEL}]`);
    const sent = llm.requests.map((q) => q.bodyText).join('\n');
    for (const w of Object.values(words)) expect(sent).toContain(w);
    expect(sent).toContain('Be brief.');
    expect(sent).toContain('handoff_to_human');
    expect(await messagesOf(A.AGENT, r.conversation.id)).toHaveLength(1);
  });

  test('a customer in another language: translatedContent in theirs', async () => {
    const org = A.ADMIN.organizationId;
    const r = await customerSays(org, await channel(org, { autoTranslate: false, translateToLanguage: 'en' }), GERMAN(word()));
    const res = await A.AGENT.post(`/api/messages/${r.message.id}/generate-reply`, {});
    expect(res.body.data).toMatchObject({ language: 'en', translatedLanguage: 'de', tokensCharged: 4 });
    expect(res.body.data.translatedContent).toContain(`[${MODEL}]`);
  });

  test('VIEWER 403 and another organization 404 reach no provider; no provider 400 AI_NOT_CONFIGURED; no tokens 402', async () => {
    const org = A.ADMIN.organizationId;
    const r = await customerSays(org, await channel(org, { autoTranslate: false }), ENGLISH(word()));
    expect((await A.VIEWER.post(`/api/messages/${r.message.id}/generate-reply`, {})).status).toBe(403);
    expect((await B.ADMIN.post(`/api/messages/${r.message.id}/generate-reply`, {})).status).toBe(404);
    expect(llm.requests).toHaveLength(0);
    const b = await customerSays(B.ADMIN.organizationId, await channel(B.ADMIN.organizationId, {}), ENGLISH(word()));
    const none = await B.AGENT.post(`/api/messages/${b.message.id}/generate-reply`, {});
    expect([none.status, errorOf(none).code]).toEqual([400, 'AI_NOT_CONFIGURED']);
    const broke = await signupActor(t.app, 'broke-suggest');
    await addProvider(broke);
    await setBalance(broke.organizationId, 0);
    const c = await customerSays(broke.organizationId, await channel(broke.organizationId, {}), ENGLISH(word()));
    const res = await broke.post(`/api/messages/${c.message.id}/generate-reply`, {});
    expect([res.status, errorOf(res).code]).toEqual([402, 'INSUFFICIENT_TOKENS']);
    expect(llm.requests).toHaveLength(0);
  });
});

describe('POST /api/faqs/generate', () => {
  test('proposals from CLOSED conversations, at most count, none duplicating an FAQ; nothing saved', async () => {
    const admin = await signupActor(t.app, 'faqgen');
    await addProvider(admin);
    const ch = await channel(admin.organizationId, { autoTranslate: false });
    const open = word();
    const closedWord = word();
    await customerSays(admin.organizationId, ch, `Where is my order ${open}?`);
    const closed = await customerSays(admin.organizationId, ch, `How can I change my delivery address ${closedWord}?`);
    await admin.patch(`/api/conversations/${closed.conversation.id}`, { status: 'CLOSED' });
    const before = (await admin.get('/api/faqs')).body.data.items.length;
    const res = await admin.post('/api/faqs/generate', { channelId: ch, count: 1 });
    expect(res.status).toBe(200);
    expect(res.body.data.items).toHaveLength(1);
    expect(res.body.data.items[0]).toEqual({ question: expect.any(String), answer: expect.any(String) });
    const sent = llm.requests.map((q) => q.bodyText).join('\n');
    expect(sent).toContain(closedWord);
    expect(sent).not.toContain(open);
    expect((await admin.get('/api/faqs')).body.data.items).toHaveLength(before);
    // The fake proposes the same question twice: one proposal.
    const all = await admin.post('/api/faqs/generate', {});
    expect(all.body.data.items).toHaveLength(1);
  });

  test('proposals repeating an existing FAQ (case and punctuation aside), each other, or empty are dropped; at most count', async () => {
    const admin = await signupActor(t.app, 'faqdedup');
    await addProvider(admin);
    const ch = await channel(admin.organizationId, {});
    const closed = await customerSays(admin.organizationId, ch, `Where is my parcel ${word()}?`);
    await admin.patch(`/api/conversations/${closed.conversation.id}`, { status: 'CLOSED' });
    await admin.post('/api/faqs', { question: 'How long does shipping take?', answer: 'Three days.' });
    const proposals = [
      { question: 'how long does SHIPPING take', answer: 'Three days' },
      { question: 'Can I pay by invoice?', answer: 'Yes.' },
      { question: 'Can I pay by invoice', answer: 'Yes, always.' },
      { question: '  ', answer: 'No question' },
      { question: 'Do you ship abroad?', answer: 'To the EU.' },
      { question: 'Is there a warranty?', answer: 'Two years.' },
    ];
    const ai = { generateText: async () => ({ object: { items: proposals } }) } as unknown as AiPort;
    const { items } = await generateFaqs({ db: t.app.db, ai }, { organizationId: admin.organizationId, channelId: ch, count: 2 });
    expect(items).toEqual([{ question: 'Can I pay by invoice?', answer: 'Yes.' }, { question: 'Do you ship abroad?', answer: 'To the EU.' }]);
  });

  test('count 1–10, VIEWER 403, no provider 400 even with nothing to draw from, no tokens 402', async () => {
    for (const count of [0, 11, 1.5]) {
      const res = await A.AGENT.post('/api/faqs/generate', { count });
      expect([res.status, errorOf(res).code]).toEqual([400, 'VALIDATION_ERROR']);
    }
    expect((await A.VIEWER.post('/api/faqs/generate', {})).status).toBe(403);
    const none = await B.AGENT.post('/api/faqs/generate', {});
    expect([none.status, errorOf(none).code]).toEqual([400, 'AI_NOT_CONFIGURED']);
    const broke = await signupActor(t.app, 'broke-faq');
    await addProvider(broke);
    await setBalance(broke.organizationId, 0);
    const res = await broke.post('/api/faqs/generate', {});
    expect([res.status, errorOf(res).code]).toEqual([402, 'INSUFFICIENT_TOKENS']);
    expect(llm.requests).toHaveLength(0);
  });
});

describe('auto-reply (CONTRACT §8.3)', () => {
  test('autoReply + autoApprove: an AI reply (senderType AI, authorId null) sent at once', async () => {
    const org = A.ADMIN.organizationId;
    const ch = await channel(org, { autoTranslate: false, autoReply: true, autoApprove: true });
    const r = await customerSays(org, ch, ENGLISH(word()));
    const m = await waitMessage(A.AGENT, r.conversation.id, (x) => x.senderType === 'AI', 'an AI reply');
    expect(m).toMatchObject({ direction: 'OUTBOUND', authorId: null, approved: true });
    expect(m.content).toContain(`[${MODEL}]`);
  });

  test('without autoApprove the AI reply waits for approval', async () => {
    const org = A.ADMIN.organizationId;
    const r = await customerSays(org, await channel(org, { autoTranslate: false, autoReply: true, autoApprove: false }), ENGLISH(word()));
    const m = await waitMessage(A.AGENT, r.conversation.id, (x) => x.senderType === 'AI', 'an AI reply');
    expect(m.approved).toBe(false);
  });

  test('handoff_to_human: no reply, a SYSTEM message says why, the conversation stays OPEN', async () => {
    const org = A.ADMIN.organizationId;
    const r = await customerSays(org, await channel(org, { autoTranslate: false, autoReply: true, autoApprove: true }), `I want to talk to a real person about my invoice ${word()} please. HANDOFF_PLEASE`);
    const note = await waitMessage(A.AGENT, r.conversation.id, (x) => x.senderType === 'SYSTEM', 'a SYSTEM message');
    expect(note.content).toMatch(/human/);
    expect(llm.requests.some((q) => q.answer?.kind === 'tool' && q.answer.name === 'handoff_to_human')).toBe(true);
    await new Promise((res) => setTimeout(res, 500));
    await t.app.events.dispatch();
    const all = await messagesOf(A.AGENT, r.conversation.id);
    expect(all.some((x) => x.senderType === 'AI')).toBe(false);
    expect((await A.AGENT.get(`/api/conversations/${r.conversation.id}`)).body.data.status).toBe('OPEN');
    // A note is never sent to the customer, even when someone approves it.
    expect((await A.AGENT.post(`/api/messages/${note.id}/approve`)).body.data.approved).toBe(false);
  });

  test('a human reply in the last 10 minutes: the AI stays quiet', async () => {
    const org = A.ADMIN.organizationId;
    const ch = await channel(org, { autoTranslate: false, autoReply: false });
    const visitor = word();
    const first = await customerSays(org, ch, ENGLISH(word()), visitor);
    await reply(A.AGENT, first.conversation.id, 'An agent is here.');
    await t.app.db.execute(`update channels set auto_reply = true where id = '${ch}'` as never);
    await customerSays(org, ch, ENGLISH(word()), visitor);
    await t.app.events.dispatch();
    await new Promise((res) => setTimeout(res, 1500));
    expect(llm.requests).toHaveLength(0);
  });
});
