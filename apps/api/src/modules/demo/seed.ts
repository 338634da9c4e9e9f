import { randomUUID } from 'node:crypto';
import { count, eq, and } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { channels, memberships, organizations, users } from '../../db/schema/index.ts';
import { newToken } from '../../lib/tokens.ts';
import { signup } from '../auth/service.ts';
import { createChannel } from '../channels/service.ts';
import { recordInboundMessage } from '../inbox/record-inbound-message.ts';
import { insertFaq } from '../faqs/queries.ts';
import { sendAgentMessage } from '../inbox/replies.ts';

export const DEMO_EMAIL = 'admin@demo.helpstack.local';

const VISITORS = [
  { name: 'Maya Lindqvist', email: 'maya@example.com', lines: ['Hi! My order #4821 still shows "processing" after five days. Can you check?'], reply: 'Hi Maya — it shipped this morning; you will get the tracking link by email within the hour.' },
  { name: 'Jonas Weber', email: 'jonas@example.com', lines: ['Hallo, can I change the delivery address of an order I placed yesterday?', 'It is order #4907.'] },
  { name: null, email: null, lines: ['Do you ship to Slovenia?'] },
] as const;

/**
 * On an empty database: a demo organization with its admin, a website chat channel with FAQs and a
 * few conversations, so a first start shows a living inbox and /demo/widget has a channel to talk to.
 */
export async function seedDemo(app: FastifyInstance, opts: { tokens: number }) {
  const [row] = await app.db.select({ n: count() }).from(organizations);
  if ((row?.n ?? 0) > 0) return null;
  const password = newToken().slice(0, 16);
  const ctx = await signup(app.db, { email: DEMO_EMAIL, password, name: 'Demo Admin', organizationName: 'Demo Support' }, opts);
  const organizationId = ctx.organizationId;
  const channel = await createChannel({ db: app.db, crypto: app.crypto, config: app.config, outbound: app.outbound }, organizationId, {
    type: 'WEBSITE_CHAT', name: 'Website chat', defaultLanguage: 'en', autoTranslate: false, credentials: {}, autoReply: false, autoApprove: false, autoEnhance: false,
  });
  const faqs = [
    ['How long does shipping take?', 'Orders ship within 1–2 business days; delivery in the EU takes 2–5 days.'],
    ['Can I return an item?', 'Yes — within 30 days, free of charge. Start a return from your order page.'],
    ['Do you ship internationally?', 'We ship to 40 countries. Rates are shown at checkout.'],
  ];
  for (const [i, [question, answer]] of faqs.entries()) {
    await insertFaq(app.db, { organizationId, channelId: channel.id, question: question!, answer: answer!, order: i });
  }
  for (const v of VISITORS) {
    const visitorId = randomUUID();
    let conversationId = '';
    for (const content of v.lines) {
      const result = await recordInboundMessage(app, { organizationId, channelId: channel.id, externalId: visitorId, customer: { name: v.name, email: v.email }, content });
      conversationId = result.conversation.id;
    }
    if ('reply' in v) await sendAgentMessage(app, { organizationId, userId: ctx.user.id, conversationId, content: v.reply });
  }
  return { email: DEMO_EMAIL, password, organizationId, channelId: channel.id };
}

/**
 * The demo organization's website chat channel, if the demo organization exists. Found through its seeded admin
 * (DEMO_EMAIL), not its name: the organization may be renamed, and anyone may call theirs "Demo Support".
 */
export async function findDemoChannelId(app: FastifyInstance) {
  const [row] = await app.db
    .select({ id: channels.id })
    .from(channels)
    .innerJoin(memberships, eq(memberships.organizationId, channels.organizationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, DEMO_EMAIL), eq(channels.type, 'WEBSITE_CHAT')))
    .orderBy(channels.createdAt)
    .limit(1);
  return row?.id;
}
