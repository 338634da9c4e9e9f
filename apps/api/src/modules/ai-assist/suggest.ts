import type { GeneratedReply } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { channelModelTools } from '../agent-tools/model-tools.ts';
import type { AiTool } from '../ai/port.ts';
import { listWidgetFaqs } from '../faqs/queries.ts';
import type { MessageRow } from '../messages/queries.ts';
import { messageWithContext, sameLanguage, transcriptUpTo, type ConversationContext } from './context.ts';
import { asData, HANDOFF_TOOL, replyInstructions } from './prompts.ts';
import { translateText } from './translate.ts';

type Deps = Pick<FastifyInstance, 'db' | 'ai' | 'crypto' | 'outbound'>;

const FAQS_IN_CONTEXT = 30;

const speaker = (m: MessageRow) =>
  m.direction === 'INBOUND' ? 'Customer' : m.senderType === 'AI' ? 'Assistant' : m.senderType === 'SYSTEM' ? 'System note' : 'Agent';

/** The conversation, FAQs and customer details as one data block (customer text is data, never instructions). */
async function contextBlock(db: Deps['db'], organizationId: string, context: ConversationContext, until: MessageRow) {
  const [transcript, faqs] = await Promise.all([
    transcriptUpTo(db, { organizationId, conversationId: context.conversationId, until: until.createdAt }),
    listWidgetFaqs(db, { organizationId, channelId: context.channel.id, limit: FAQS_IN_CONTEXT }),
  ]);
  const lines = transcript.map((m) => `${speaker(m)}: ${m.direction === 'INBOUND' && m.translatedContent ? `${m.content}\n(translation: ${m.translatedContent})` : m.content}`);
  // Contact details only: no internal notes, ids or credentials reach the model.
  const c = context.customer;
  const customer = c?.id ? [`name: ${c.name ?? 'unknown'}`, `email: ${c.email ?? 'unknown'}`, `phone: ${c.phone ?? 'unknown'}`, `language: ${context.customerLanguage ?? 'unknown'}`] : ['unknown'];
  return [
    asData('conversation', lines.join('\n')),
    asData('faqs', faqs.map((f) => `Q: ${f.question}\nA: ${f.answer}`).join('\n\n') || '(none)'),
    asData('customer', customer.join('\n')),
  ].join('\n\n');
}

export interface DraftedReply {
  content: string;
  handoff: { reason: string } | null;
  toolCalls: GeneratedReply['toolCalls'];
  tokensCharged: number;
  context: ConversationContext;
  message: MessageRow;
}

/** The model's next reply after message `id`, in the agent language, with the built-in handoff tool offered. */
export async function draftReply(app: Deps, params: { organizationId: string; id: string; instructions?: string; autoReply?: boolean }): Promise<DraftedReply> {
  const { organizationId } = params;
  const found = await messageWithContext(app.db, { organizationId, id: params.id });
  if (!found) throw new NotFoundError('Message');
  const { message, context } = found;
  let handoff: DraftedReply['handoff'] = null;
  const toolCalls: DraftedReply['toolCalls'] = [];
  const handoffTool: AiTool = {
    name: HANDOFF_TOOL,
    description: 'Hand the conversation to a human agent instead of replying. Give the reason in one sentence.',
    parameters: { type: 'object', properties: { reason: { type: 'string', description: 'Why a human should take over' } }, required: ['reason'], additionalProperties: false },
    async execute(args) {
      const reason = typeof (args as { reason?: unknown })?.reason === 'string' ? (args as { reason: string }).reason : '';
      handoff = { reason: reason.trim() || 'The assistant asked for a human agent' };
      toolCalls.push({ toolId: null, name: HANDOFF_TOOL, status: 'SUCCESS' });
      return { ok: true, note: 'A human agent will take over; do not reply to the customer.' };
    },
  };
  // The channel's agent tools (CONTRACT §9); the built-in handoff keeps its name.
  const channelTools = await channelModelTools(
    app,
    { organizationId, channelId: context.channel.id, conversationId: context.conversationId, messageId: message.id, reserved: [HANDOFF_TOOL] },
    toolCalls,
  );
  const result = await app.ai.generateText({
    organizationId,
    feature: params.autoReply ? 'AUTO_REPLY' : 'SUGGESTION',
    conversationId: context.conversationId,
    channelId: context.channel.id,
    system: replyInstructions({ agentLanguage: context.agentLanguage, channelName: context.channel.name, autoReply: Boolean(params.autoReply), instructions: params.instructions }),
    messages: [{ role: 'user', content: await contextBlock(app.db, organizationId, context, message) }],
    tools: [handoffTool, ...channelTools],
  });
  return {
    content: result.text.trim(),
    handoff,
    toolCalls,
    tokensCharged: result.tokensCharged,
    context,
    message,
  };
}

/** POST /api/messages/[id]/generate-reply (CONTRACT §8.4): a suggestion; nothing is stored. */
export async function generateReply(app: Deps, params: { organizationId: string; id: string; instructions?: string }): Promise<GeneratedReply> {
  const draft = await draftReply(app, params);
  const { context } = draft;
  const to = context.customerLanguage;
  const translate = Boolean(to) && !sameLanguage(to!, context.agentLanguage) && draft.content.length > 0;
  const translated = translate ? await translateText(app, { organizationId: params.organizationId, context, text: draft.content, to: to! }) : null;
  return {
    content: draft.content,
    language: context.agentLanguage,
    translatedContent: translated?.text ?? null,
    translatedLanguage: translated ? to : null,
    toolCalls: draft.toolCalls,
    tokensCharged: draft.tokensCharged + (translated?.tokensCharged ?? 0),
  };
}
