import type { Conversation } from '@helpstack/contracts';
import { Button, Center, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowDown } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { sameDay } from '../../../lib/relative-time.ts';
import { useMessages } from '../api/get-messages.ts';
import { flattenMessages, type ChatMessage } from '../utils/cache-updates.ts';
import { MessageBubble, type MessageActions } from './message-bubble.tsx';
import { customerName } from './status-badge.tsx';

const NEAR_BOTTOM_PX = 80;
const CONTINUE_WITHIN_MS = 5 * 60_000;

type Props = {
  conversation: Conversation;
  memberNameById: ReadonlyMap<string, string>;
  meId: string;
  actions: MessageActions;
};

/**
 * The thread, newest at the bottom. Only the newest page loads on open (a 5,000-message conversation
 * opens as fast as a 5-message one); older pages load as the agent scrolls up, and the view stays
 * anchored while they are prepended. Only the messages in view are rendered.
 */
export function MessageThread({ conversation, memberNameById, meId, actions }: Props) {
  const query = useMessages(conversation.id);
  const messages = useMemo(() => flattenMessages(query.data), [query.data]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const fromBottom = useRef(0);
  const firstId = useRef<string | undefined>(undefined);
  const lastId = useRef<string | undefined>(undefined);
  const [unseen, setUnseen] = useState(0);
  const [announcement, setAnnouncement] = useState('');

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 8,
    getItemKey: (index) => messages[index]?.id ?? index,
    paddingStart: 8,
    paddingEnd: 12,
  });

  const scrollToBottom = useCallback(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    fromBottom.current = el.scrollHeight - el.scrollTop;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (stickToBottom.current) setUnseen(0);
  };

  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || messages.length === 0) return;
    const newFirst = messages[0]?.id;
    const newLast = messages[messages.length - 1]?.id;
    const prepended = firstId.current !== undefined && newFirst !== firstId.current && newLast === lastId.current;
    const appended = lastId.current !== undefined && newLast !== lastId.current;
    if (prepended) {
      // Older messages went in above: keep what the agent was reading exactly where it was.
      el.scrollTop = el.scrollHeight - fromBottom.current;
    } else if (stickToBottom.current) {
      scrollToBottom();
    } else if (appended) {
      const added = messages.length - messages.findIndex((m) => m.id === lastId.current) - 1;
      if (added > 0) setUnseen((n) => n + added);
    }
    // Own replies always bring the view down to them; the customer's are announced to screen readers.
    const newest = messages[messages.length - 1];
    if (appended && newest?.direction === 'INBOUND') setAnnouncement(`New message from ${customerName(conversation)}: ${newest.content.slice(0, 200)}`);
    if (appended && newest?.direction === 'OUTBOUND' && newest.authorId === meId) {
      stickToBottom.current = true;
      scrollToBottom();
      setUnseen(0);
    }
    firstId.current = newFirst;
    lastId.current = newLast;
    fromBottom.current = el.scrollHeight - el.scrollTop;
  }, [messages, totalSize, meId, scrollToBottom, conversation]);

  // Opening another conversation starts at its bottom.
  useEffect(() => {
    stickToBottom.current = true;
    firstId.current = undefined;
    lastId.current = undefined;
    setUnseen(0);
  }, [conversation.id]);

  const items = virtualizer.getVirtualItems();
  const firstVisible = items[0]?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && messages.length > 0 && firstVisible < 4) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, firstVisible, messages.length, fetchNextPage]);

  const nameOf = (m: ChatMessage) => {
    if (m.direction === 'INBOUND') return customerName(conversation);
    if (m.senderType === 'AI') return 'AI assistant';
    if (m.authorId === meId) return 'You';
    return (m.authorId && memberNameById.get(m.authorId)) || 'Agent';
  };

  if (query.isPending) {
    return (
      <div className="thread" aria-busy="true" aria-label="Loading messages">
        <Stack gap="lg" p="lg">
          {[60, 40, 70, 50].map((w, i) => (
            <Skeleton key={i} height={44} width={`${w}%`} radius="lg" ml={i % 2 ? 'auto' : 0} />
          ))}
        </Stack>
      </div>
    );
  }
  if (query.isError && messages.length === 0) {
    return (
      <div className="thread">
        <div style={{ padding: 24 }}>
          <QueryError error={query.error} onRetry={() => void query.refetch()} title="Could not load messages" />
        </div>
      </div>
    );
  }

  return (
    <div className="thread-wrap">
      <div ref={scrollRef} className="thread" onScroll={onScroll} role="region" aria-label="Messages" tabIndex={0}>
        <div className="thread-top">
          {isFetchingNextPage ? (
            <Center py={6} role="status">
              <Loader size="xs" aria-label="Loading earlier messages" />
            </Center>
          ) : hasNextPage ? (
            <Center py={4}>
              <Button variant="subtle" size="compact-xs" onClick={() => void fetchNextPage()}>
                Load earlier messages
              </Button>
            </Center>
          ) : (
            messages.length > 0 && (
              <Text size="xs" c="dimmed" ta="center" py={6}>
                Beginning of the conversation
              </Text>
            )
          )}
        </div>
        {messages.length === 0 ? (
          <Center h="70%">
            <Text size="sm" c="dimmed">
              No messages yet.
            </Text>
          </Center>
        ) : (
          <div style={{ height: totalSize, position: 'relative' }}>
            {items.map((item) => {
              const m = messages[item.index]!;
              const previous = messages[item.index - 1];
              const showDay = !previous || !sameDay(previous.createdAt, m.createdAt);
              const continued =
                !showDay &&
                previous !== undefined &&
                previous.direction === m.direction &&
                previous.authorId === m.authorId &&
                previous.senderType === m.senderType &&
                previous.private === m.private &&
                Date.parse(m.createdAt) - Date.parse(previous.createdAt) < CONTINUE_WITHIN_MS;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="thread-item"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <MessageBubble
                    message={m}
                    senderName={nameOf(m)}
                    senderKey={m.direction === 'INBOUND' ? (conversation.customer?.id ?? conversation.id) : (m.authorId ?? 'agent')}
                    showDay={showDay}
                    continued={continued}
                    actions={actions}
                    memberNameById={memberNameById}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
      {unseen > 0 && (
        <div className="thread-new">
          <Button
            size="xs"
            radius="xl"
            leftSection={<IconArrowDown size={14} />}
            onClick={() => {
              stickToBottom.current = true;
              scrollToBottom();
              setUnseen(0);
            }}
          >
            {unseen} new {unseen === 1 ? 'message' : 'messages'}
          </Button>
        </div>
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}
