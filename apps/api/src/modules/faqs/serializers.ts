import type { Faq } from '@helpstack/contracts';
import type { FaqRow } from './queries.ts';

export const toFaq = (r: FaqRow): Faq => ({
  id: r.id,
  channelId: r.channelId,
  question: r.question,
  answer: r.answer,
  order: r.order,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
