import type { AiFeature } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { AppError, ConflictError, NotFoundError } from '../../lib/errors.ts';
import { toMessage } from '../messages/serializers.ts';
import { messageWithContext, type ConversationContext } from './context.ts';
import { enhancementInstructions, translationInstructions } from './prompts.ts';
import { saveTranslation } from './queries.ts';

type Deps = Pick<FastifyInstance, 'db' | 'ai' | 'events' | 'delivery' | 'log'>;

interface TextTask {
  organizationId: string;
  context: ConversationContext;
  text: string;
}

/** One model call: `text` translated into `to` (plain text answer). */
export async function translateText(app: Pick<Deps, 'ai'>, task: TextTask & { to: string; feature?: AiFeature }) {
  const result = await app.ai.generateText({
    organizationId: task.organizationId,
    feature: task.feature ?? 'TRANSLATION',
    conversationId: task.context.conversationId,
    channelId: task.context.channel.id,
    system: translationInstructions(task.to),
    messages: [{ role: 'user', content: task.text }],
  });
  return { text: result.text.trim(), tokensCharged: result.tokensCharged };
}

/** autoEnhance (CONTRACT §8.3): the agent's draft rewritten for spelling, clarity and the channel's tone. */
async function enhanceText(app: Pick<Deps, 'ai'>, task: TextTask) {
  const result = await app.ai.generateText({
    organizationId: task.organizationId,
    feature: 'ENHANCEMENT',
    conversationId: task.context.conversationId,
    channelId: task.context.channel.id,
    system: enhancementInstructions(task.context.channel.responseTemplate),
    messages: [{ role: 'user', content: task.text }],
  });
  return result.text.trim();
}

/** Inbound → the agent language; a reply → the customer language (null: nothing to translate into). */
const targetOf = (direction: 'INBOUND' | 'OUTBOUND', context: ConversationContext) =>
  direction === 'INBOUND' ? context.agentLanguage : context.customerLanguage;

const reasonOf = (err: unknown) => (err instanceof AppError ? `${err.code}: ${err.message}` : 'unexpected error');

/**
 * The durable translation job (CONTRACT §8.3) of one message. Inbound: translated into the agent language.
 * A reply waiting with translationStatus PENDING: enhanced first when the channel says so, then translated
 * into the customer language, and with autoApprove sent at once. A failure (no tokens, no provider, the
 * provider failing) marks it FAILED with the reason logged: approving then sends the original.
 */
export async function runTranslation(app: Deps, job: { organizationId: string; messageId: string }) {
  const { organizationId } = job;
  const found = await messageWithContext(app.db, { organizationId, id: job.messageId });
  if (!found) return;
  const { message, context } = found;
  const outbound = message.direction === 'OUTBOUND';
  if (outbound && (message.translationStatus !== 'PENDING' || message.approved)) return;
  const to = targetOf(message.direction, context);
  const log = app.log.child({ messageId: message.id, organizationId });

  let change: Parameters<typeof saveTranslation>[1]['change'];
  try {
    if (!to) throw new ConflictError('The customer language is not known');
    let content = message.content;
    const enhance = outbound && context.channel.autoEnhance && message.originalContent === null;
    if (enhance) content = (await enhanceText(app, { organizationId, context, text: message.content })) || message.content;
    const translated = await translateText(app, { organizationId, context, text: content, to });
    change = {
      translationStatus: 'DONE',
      translatedContent: translated.text,
      translatedLanguage: to,
      ...(enhance ? { content, originalContent: message.content } : {}),
      ...(outbound && context.channel.autoApprove ? { approved: true } : {}),
    };
  } catch (err) {
    // Skipped, not retried: an empty balance or a missing provider will not fix itself within a retry.
    log.warn({ reason: reasonOf(err) }, 'translation skipped: marked FAILED');
    change = { translationStatus: 'FAILED' };
  }

  const saved = await app.db.transaction(async (tx) => {
    const row = await saveTranslation(tx, { organizationId, id: message.id, ...(outbound ? { guard: 'pending' as const } : {}), change });
    if (row) await app.events.emit(tx, { organizationId, type: 'message.updated', data: toMessage(row) });
    return row;
  });
  if (saved?.approved && outbound) await app.delivery.enqueue({ id: saved.id, organizationId });
}

/**
 * POST /api/messages/[id]/retranslate: translated again now (inbound → the agent language; a reply not
 * yet sent → the customer language, or `targetLanguage`). A reply already sent cannot change: 409.
 */
export async function retranslate(app: Deps, params: { organizationId: string; id: string; targetLanguage?: string }) {
  const { organizationId } = params;
  const found = await messageWithContext(app.db, { organizationId, id: params.id });
  if (!found) throw new NotFoundError('Message');
  const { message, context } = found;
  if (message.direction === 'OUTBOUND' && (message.approved || message.status !== 'PENDING')) {
    throw new ConflictError('This reply has been sent (or approved for sending): its text can no longer change');
  }
  const to = params.targetLanguage ?? targetOf(message.direction, context);
  if (!to) throw new ConflictError('The customer language is not known: pass targetLanguage');
  const translated = await translateText(app, { organizationId, context, text: message.content, to });
  return app.db.transaction(async (tx) => {
    const row = await saveTranslation(tx, {
      organizationId,
      id: message.id,
      ...(message.direction === 'OUTBOUND' ? { guard: 'unapproved' as const } : {}),
      change: { translationStatus: 'DONE', translatedContent: translated.text, translatedLanguage: to },
    });
    if (!row) throw new ConflictError('This reply was approved meanwhile: its text can no longer change');
    const data = toMessage(row);
    await app.events.emit(tx, { organizationId, type: 'message.updated', data });
    return data;
  });
}
