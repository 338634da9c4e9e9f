import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { channels, conversations } from '../../db/schema/index.ts';
import { messageLanguage } from '../../lib/language/message-language.ts';

/**
 * CONTRACT §8.2: an inbound message's language, detected locally. The first confident detection becomes the
 * conversation's language while it has none; a language an agent set is never overwritten (only null is filled).
 */
export async function languageOfInbound(tx: Tx, params: {
  organizationId: string;
  conversationId: string;
  text: string;
  /** The conversation's language and its channel's fallback, when the caller has just read them (one statement less). */
  known?: { conversationLanguage: string | null; fallbackLanguage: string | null };
}) {
  const row = params.known ?? (await readLanguages(tx, params));
  const { language, detected } = messageLanguage(params.text, {
    conversationLanguage: row?.conversationLanguage,
    fallbackLanguage: row?.fallbackLanguage,
  });
  if (detected && !row?.conversationLanguage) {
    await tx
      .update(conversations)
      .set({ language: detected })
      .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.conversationId), isNull(conversations.language)));
  }
  return language;
}

async function readLanguages(tx: Tx, params: { organizationId: string; conversationId: string }) {
  const [row] = await tx
    .select({ conversationLanguage: conversations.language, fallbackLanguage: channels.fallbackLanguage })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.id, params.conversationId)))
    .limit(1);
  return row;
}
