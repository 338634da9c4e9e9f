import { detectLanguage } from './detect-language.ts';

export type MessageLanguageContext = {
  /** The customer language already known for the conversation (conversation.language). */
  conversationLanguage: string | null | undefined;
  /** The channel's fallbackLanguage. */
  fallbackLanguage: string | null | undefined;
};

/**
 * The language to store on an inbound message (CONTRACT §8.2): a confident detection, else the conversation's
 * language, else the channel's fallback language, else null. `detected` is the confident detection alone, the one
 * that may set conversation.language when it is still null.
 */
export function messageLanguage(
  text: string,
  { conversationLanguage, fallbackLanguage }: MessageLanguageContext,
): { language: string | null; detected: string | null } {
  const { language, confident } = detectLanguage(text);
  const detected = confident ? language : null;
  return { language: detected ?? conversationLanguage ?? fallbackLanguage ?? null, detected };
}
