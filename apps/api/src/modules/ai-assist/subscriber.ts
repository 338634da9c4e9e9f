import type { Message } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { runAutoReply, HUMAN_QUIET_MS } from './auto-reply.ts';
import { conversationContext, hasProvider, sameLanguage } from './context.ts';
import { humanRepliedSince } from './queries.ts';
import { runTranslation } from './translate.ts';

export const TRANSLATE_QUEUE = 'ai-translate-message';
export const AUTO_REPLY_QUEUE = 'ai-auto-reply';

interface MessageJob {
  organizationId: string;
  messageId: string;
}

/**
 * The AI work that follows a new message (CONTRACT §8.3), as durable jobs so it never delays storing or
 * showing the message: translation of an inbound message into the agent language, of a reply waiting
 * with translationStatus PENDING into the customer language, and the auto-reply. One live job per
 * message and kind (singletonKey), so a redelivered event never translates or answers twice.
 */
const aiAssistSubscriber: FastifyPluginAsyncZod = async (app) => {
  const queueOptions = { policy: 'exclusive' as const, retryLimit: 2, retryDelay: 5, expireInSeconds: 180 };
  // Model calls wait on the network, not the CPU: ten at a time per instance, fetched again as soon as more are
  // ready (measured: 100 translations at 500 ms each took 50 s with two workers polling, 7.4 s with this).
  const workerOptions = { localConcurrency: 10, burstWhenReadyExceeds: 1 };
  app.queue.define<MessageJob>({
    name: TRANSLATE_QUEUE,
    options: queueOptions,
    worker: { options: workerOptions, handler: async ([job]) => runTranslation(app, job!.data) },
  });
  app.queue.define<MessageJob>({
    name: AUTO_REPLY_QUEUE,
    options: queueOptions,
    worker: { options: workerOptions, handler: async ([job]) => runAutoReply(app, job!.data) },
  });

  app.events.subscribe('ai-assist', async (event, tx) => {
    if (event.type !== 'message.created') return;
    const message: Message = event.data;
    const { organizationId } = event;
    const jobs: string[] = [];
    if (message.direction === 'OUTBOUND') {
      if (message.translationStatus === 'PENDING' && !message.approved) jobs.push(TRANSLATE_QUEUE);
    } else if (message.senderType === 'CUSTOMER') {
      const context = await conversationContext(tx, { organizationId, conversationId: message.conversationId });
      if (!context) return;
      const available = (context.channel.autoTranslate || context.channel.autoReply) && (await hasProvider(tx, { organizationId, channelId: context.channel.id }));
      if (!available) return;
      if (context.channel.autoTranslate && message.language && !sameLanguage(message.language, context.agentLanguage) && message.content.trim()) {
        jobs.push(TRANSLATE_QUEUE);
      }
      if (context.channel.autoReply && context.status !== 'CLOSED'
        && !(await humanRepliedSince(tx, { organizationId, conversationId: message.conversationId, since: new Date(Date.now() - HUMAN_QUIET_MS) }))) {
        jobs.push(AUTO_REPLY_QUEUE);
      }
    }
    if (!jobs.length) return;
    // After the receipt commits: inside the subscriber's transaction a send would wait on it (PGlite has one
    // connection). A lost send (logged) leaves a reply PENDING; POST …/retranslate recovers it.
    return async () => {
      for (const queue of jobs) await app.queue.send<MessageJob>(queue, { organizationId, messageId: message.id }, { singletonKey: message.id });
    };
  }, { types: ['message.created'] });
};

export default aiAssistSubscriber;
