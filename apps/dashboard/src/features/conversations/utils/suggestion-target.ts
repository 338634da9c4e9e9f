import { flattenMessages } from './cache-updates.ts';

/**
 * The message a suggestion answers (generate-reply takes the conversation up to it): the customer's
 * newest stored message, else the newest stored one; never an unsent local or a SYSTEM line.
 */
export function suggestionTargetId(data: Parameters<typeof flattenMessages>[0]): string | undefined {
  const stored = flattenMessages(data).filter((m) => !m.local && m.senderType !== 'SYSTEM');
  return (stored.findLast((m) => m.direction === 'INBOUND') ?? stored.at(-1))?.id;
}
