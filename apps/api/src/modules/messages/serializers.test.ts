import { messageSchema, visitorMessageSchema } from '@helpstack/contracts';
import { describe, expect, test } from 'vitest';
import type { MessageRow } from './queries.ts';
import { serializeMessage } from './serializers.ts';

const row = {
  id: 'm1', organizationId: 'o1', conversationId: 'c1', direction: 'OUTBOUND', senderType: 'AGENT', authorId: 'u1',
  content: 'Hello', translatedContent: 'Hallo', language: 'en', translatedLanguage: 'de', translationStatus: 'DONE', originalContent: null, approved: true, status: 'SENT',
  error: null, attempts: 1, attachments: [{ id: 'f1', name: 'a.png', mimeType: 'image/png', size: 3 }], clientMessageId: null, private: false, mentions: [],
  emailSubject: null, emailHtml: null,
  createdAt: new Date('2025-01-01T12:00:00Z'),
} as MessageRow & { clientMessageId: string | null };

describe('one message serializer, per audience', () => {
  test('agents see the message as stored, with delivery state and the download route', () => {
    const agent = serializeMessage(row, { kind: 'agent' });
    expect(messageSchema.strict().parse(agent)).toEqual(agent);
    expect(agent).toMatchObject({ authorId: 'u1', content: 'Hello', translatedContent: 'Hallo', status: 'SENT', createdAt: '2025-01-01T12:00:00.000Z' });
    expect(agent.attachments[0]!.url).toBe('/api/media/f1?download=1');
    expect(agent.email).toBeNull();
  });

  test('an inbound e-mail carries its subject and sanitised HTML for agents only', () => {
    const mail = { ...row, direction: 'INBOUND', senderType: 'CUSTOMER', emailSubject: 'Order 7', emailHtml: '<p>Hi</p>' } as typeof row;
    expect(serializeMessage(mail, { kind: 'agent' }).email).toEqual({ subject: 'Order 7', html: '<p>Hi</p>' });
    expect(serializeMessage(mail, { kind: 'visitor', channelId: 'c', visitorId: 'v' })).not.toHaveProperty('email');
  });

  test('a visitor sees the reply in its language, the widget media route, and no author or delivery state', () => {
    const visitor = serializeMessage(row, { kind: 'visitor', channelId: 'ch 1', visitorId: 'v/1' });
    expect(visitorMessageSchema.strict().parse(visitor)).toEqual(visitor);
    expect(visitor.content).toBe('Hallo');
    expect(visitor).not.toHaveProperty('authorId');
    expect(visitor).not.toHaveProperty('status');
    expect(visitor).not.toHaveProperty('private');
    expect(visitor).not.toHaveProperty('mentions');
    expect(visitor.attachments[0]!.url).toBe('/api/widget/ch%201/media/f1?visitorId=v%2F1');
    expect(serializeMessage({ ...row, direction: 'INBOUND' }, { kind: 'visitor', channelId: 'c', visitorId: 'v' }).content).toBe('Hello');
  });
});
