import { generatedFaqsSchema, type GeneratedFaqs } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { InsufficientTokensError } from '../../lib/errors.ts';
import { resolveProvider, tokenBalance } from '../ai/resolve.ts';
import { listFaqs } from '../faqs/queries.ts';
import { asData, faqInstructions } from './prompts.ts';
import { recentClosedConversations } from './queries.ts';

type Deps = Pick<FastifyInstance, 'db' | 'ai'>;

const CONVERSATIONS = 15;
const MESSAGES_EACH = 20;
const normalize = (question: string) => question.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * POST /api/faqs/generate (CONTRACT §8.4): FAQ proposals drawn from recently CLOSED conversations, none
 * repeating an existing FAQ, at most `count`. Nothing is saved. The provider and the balance are checked
 * first, so a missing provider or an empty balance answers 400/402 even with nothing to draw from.
 */
export async function generateFaqs(app: Deps, params: { organizationId: string; channelId?: string; count: number }): Promise<GeneratedFaqs> {
  const { organizationId, channelId, count } = params;
  await resolveProvider(app.db, { organizationId, channelId });
  if ((await tokenBalance(app.db, organizationId)) <= 0) throw new InsufficientTokensError();
  const [closed, existing] = await Promise.all([
    recentClosedConversations(app.db, { organizationId, channelId, limit: CONVERSATIONS, messagesEach: MESSAGES_EACH }),
    listFaqs(app.db, { organizationId }),
  ]);
  if (!closed.some((c) => c.length)) return { items: [] };
  const transcripts = closed
    .filter((c) => c.length)
    .map((c, i) => `Conversation ${i + 1}:\n${c.map((m) => `${m.direction === 'INBOUND' ? 'Customer' : 'Agent'}: ${m.content}`).join('\n')}`)
    .join('\n\n');
  const relevant = existing.filter((f) => !channelId || f.channelId === null || f.channelId === channelId);
  const result = await app.ai.generateText({
    organizationId,
    feature: 'FAQ_GENERATION',
    channelId: channelId ?? null,
    system: faqInstructions(count),
    messages: [{ role: 'user', content: `${asData('conversations', transcripts)}\n\n${asData('existing_faqs', relevant.map((f) => `Q: ${f.question}`).join('\n') || '(none)')}` }],
    schema: generatedFaqsSchema,
    maxOutputTokens: 2048,
  });
  const seen = new Set(existing.map((f) => normalize(f.question)));
  const items: GeneratedFaqs['items'] = [];
  for (const item of result.object?.items ?? []) {
    const question = item.question.trim();
    const answer = item.answer.trim();
    const key = normalize(question);
    if (!question || !answer || !key || seen.has(key)) continue;
    seen.add(key);
    items.push({ question, answer });
    if (items.length === count) break;
  }
  return { items };
}
