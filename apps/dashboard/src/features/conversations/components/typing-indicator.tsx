import { Text } from '@mantine/core';
import { useTypists, VISITOR } from '../stores/typing-store.ts';

/** "Ana is typing…" for the visitor and other agents; announced politely. */
export function TypingIndicator({ conversationId, customerLabel, memberNameById }: { conversationId: string; customerLabel: string; memberNameById: ReadonlyMap<string, string> }) {
  const typists = useTypists(conversationId);
  const names = typists.map((who) => (who === VISITOR ? customerLabel : (memberNameById.get(who) ?? 'A teammate')));
  const text =
    names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : 'Several people are typing…';
  return (
    <div className="typing-indicator" role="status" aria-live="polite">
      {text && (
        <>
          <span className="typing-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          <Text component="span" size="xs" c="dimmed">
            {text}
          </Text>
        </>
      )}
    </div>
  );
}
