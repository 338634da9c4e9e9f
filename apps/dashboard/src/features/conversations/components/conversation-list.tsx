import type { Conversation, Tag } from '@helpstack/contracts';
import { Button, Checkbox, EmptyState, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { IconInbox, IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { QueryError } from '../../../components/ui/query-error.tsx';
import type { InboxSearch } from '../utils/inbox-search.ts';
import { ConversationRow, ROW_HEIGHT, type ChannelSummary } from './conversation-row.tsx';
import { STATUS_LABELS } from './status-badge.tsx';

type Props = {
  conversations: Conversation[];
  total: number;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  selectedId: string | undefined;
  search: InboxSearch;
  channelsById: ReadonlyMap<string, ChannelSummary>;
  memberNameById: ReadonlyMap<string, string>;
  filtered: boolean;
  onClearFilters: () => void;
  /** Rows picked for a bulk action. */
  checked: ReadonlySet<string>;
  /** A checkbox click; `range`: shift was held (select from the last clicked row to this one). */
  onCheck: (id: string, index: number, range: boolean) => void;
  showStatus: boolean;
  tagById: ReadonlyMap<string, Tag> | undefined;
};

/**
 * The conversation column: only the rows in view are in the DOM (a 100k-conversation inbox scrolls
 * like a 10-row one), the next keyset page loads before the end is reached, and the selected row is
 * kept in view as j/k move through it.
 */
export function ConversationList(props: Props) {
  const { conversations, total, isPending, error, hasNextPage, isFetchingNextPage, fetchNextPage, selectedId, search } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: conversations.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => conversations[index]?.id ?? 'loader',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= conversations.length - 15) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, conversations.length, fetchNextPage]);

  // Keep a newly selected conversation (j/k, a link) in view — on selection only, never because a
  // realtime update moved it.
  const conversationsRef = useRef(conversations);
  conversationsRef.current = conversations;
  useEffect(() => {
    const index = selectedId ? conversationsRef.current.findIndex((c) => c.id === selectedId) : -1;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, virtualizer]);

  // New conversations arrive at the top: when the agent has scrolled down, keep the rows they are
  // reading where they are instead of letting everything shift by a row per arrival. Three visible
  // rows vote, so one of them moving to the top itself does not count.
  const anchors = useRef<{ id: string; index: number }[]>([]);
  const captureAnchors = () => {
    const el = scrollRef.current;
    if (!el) return;
    const first = Math.floor(el.scrollTop / ROW_HEIGHT);
    anchors.current = conversationsRef.current.slice(first, first + 3).map((c, i) => ({ id: c.id, index: first + i }));
  };
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && el.scrollTop > 0 && anchors.current.length) {
      const shifts = anchors.current
        .map((a) => conversations.findIndex((c) => c.id === a.id) - a.index)
        .filter((_, i) => conversations.some((c) => c.id === anchors.current[i]!.id))
        .sort((a, b) => a - b);
      const shift = shifts[Math.floor(shifts.length / 2)] ?? 0;
      if (shift !== 0) el.scrollTop += shift * ROW_HEIGHT;
    }
    captureAnchors();
  }, [conversations]);

  if (isPending) {
    return (
      <div className="conversation-list-scroll" aria-busy="true" aria-label="Loading conversations">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="conversation-row conversation-row-skeleton" aria-hidden="true">
            <Skeleton circle height={36} />
            <Stack gap={8} style={{ flex: 1 }}>
              <Skeleton height={10} width="55%" />
              <Skeleton height={10} width="85%" />
              <Skeleton height={8} width="35%" />
            </Stack>
          </div>
        ))}
      </div>
    );
  }
  if (error && conversations.length === 0) {
    return (
      <div className="conversation-list-empty">
        <QueryError error={error} onRetry={props.onRetry} title="Could not load conversations" />
      </div>
    );
  }
  if (conversations.length === 0) {
    return (
      <div className="conversation-list-empty">
        {props.filtered ? (
          <EmptyState
            icon={<IconSearch size={28} />}
            withIndicatorBackground
            title="No matching conversations"
            description="Nothing matches your search and filters."
          >
            <EmptyState.Actions>
              <Button variant="default" size="xs" onClick={props.onClearFilters}>
                Clear search and filters
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <EmptyState
            icon={<IconInbox size={28} />}
            withIndicatorBackground
            title={search.status && search.status !== 'OPEN' ? `No ${STATUS_LABELS[search.status].toLowerCase()} conversations` : 'Inbox zero'}
            description={
              search.status && search.status !== 'OPEN'
                ? 'Conversations show up here when their status changes.'
                : 'No open conversations. New messages appear here the moment they arrive.'
            }
          />
        )}
      </div>
    );
  }

  return (
    <div ref={scrollRef} className="conversation-list-scroll" onScroll={captureAnchors}>
      <div role="list" aria-label="Conversations" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const conversation = conversations[item.index];
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={total}
              aria-posinset={item.index + 1}
              className="conversation-list-item"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {conversation && (
                <Checkbox
                  className="conversation-check"
                  size="xs"
                  aria-label={`Select conversation ${item.index + 1}`}
                  checked={props.checked.has(conversation.id)}
                  onChange={() => undefined}
                  onClick={(event) => props.onCheck(conversation.id, item.index, event.shiftKey)}
                />
              )}
              {conversation ? (
                <ConversationRow
                  conversation={conversation}
                  channel={props.channelsById.get(conversation.channelId)}
                  assigneeName={conversation.assignedToId ? (props.memberNameById.get(conversation.assignedToId) ?? null) : null}
                  selected={conversation.id === selectedId}
                  search={search}
                  showStatus={props.showStatus}
                  tagById={props.tagById}
                />
              ) : (
                <div className="conversation-list-loader" role="status">
                  <Loader size="xs" aria-hidden="true" />
                  <Text size="xs" c="dimmed">
                    Loading more…
                  </Text>
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
