import { EmptyState, Kbd, Text } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { getRouteApi, Outlet, useParams } from '@tanstack/react-router';
import { useCallback, useMemo, useRef } from 'react';
import { ConnectionBanner } from '../../../components/layout/connection-banner.tsx';
import { useShortcuts } from '../../../hooks/use-shortcuts.ts';
import { useChannels } from '../../../features/channels/api/get-channels.ts';
import { useConversationCounts } from '../../../features/conversations/api/get-conversation-counts.ts';
import { useConversations } from '../../../features/conversations/api/get-conversations.ts';
import { ConversationList } from '../../../features/conversations/components/conversation-list.tsx';
import type { ChannelSummary } from '../../../features/conversations/components/conversation-row.tsx';
import { InboxToolbar } from '../../../features/conversations/components/inbox-toolbar.tsx';
import { countFilters, inboxFilters, parseInboxSearch, type InboxSearch } from '../../../features/conversations/utils/inbox-search.ts';
import { useMembers } from '../../../features/members/api/get-members.ts';

const route = getRouteApi('/_app/inbox');

/** The conversation column and, beside it, the open conversation (or a hint when none is). */
export function InboxRoute() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { conversationId } = useParams({ strict: false });
  const filters = useMemo(() => inboxFilters(search), [search]);
  const conversations = useConversations(filters);
  const counts = useConversationCounts(useMemo(() => countFilters(search), [search]));
  const channels = useChannels();
  const members = useMembers();
  const searchRef = useRef<HTMLInputElement>(null);

  const items = useMemo(() => conversations.data?.pages.flatMap((p) => p.items) ?? [], [conversations.data]);
  const total = conversations.data?.pages[0]?.pagination.total;
  const channelsById = useMemo(
    () => new Map<string, ChannelSummary>((channels.data?.items ?? []).map((c) => [c.id, { id: c.id, name: c.name, type: c.type }])),
    [channels.data],
  );
  const memberNameById = useMemo(() => new Map((members.data?.items ?? []).map((m) => [m.userId, m.name])), [members.data]);

  const setSearch = useCallback(
    (patch: Partial<InboxSearch>, options: { replace?: boolean } = {}) =>
      void navigate({ search: (prev: InboxSearch) => parseInboxSearch({ ...prev, ...patch }), replace: options.replace }),
    [navigate],
  );

  // j/k walk the list. When the open conversation has just left it (closed, read in an "unread"
  // view), they continue from where it was rather than jumping back to the top.
  const lastIndex = useRef(0);
  const currentIndex = conversationId ? items.findIndex((c) => c.id === conversationId) : -1;
  if (currentIndex >= 0) lastIndex.current = currentIndex;
  const open = (index: number) => {
    const target = items[Math.max(0, Math.min(items.length - 1, index))];
    if (target) void navigate({ to: '/inbox/$conversationId', params: { conversationId: target.id }, search });
  };

  useShortcuts({
    'next-conversation': () => open(currentIndex >= 0 ? currentIndex + 1 : conversationId ? lastIndex.current : 0),
    'previous-conversation': () => open(currentIndex >= 0 ? currentIndex - 1 : conversationId ? lastIndex.current - 1 : 0),
    'focus-search': () => searchRef.current?.focus(),
    'leave-field': () => {
      const active = document.activeElement as HTMLElement | null;
      if (active?.hasAttribute('data-escape-blur')) active.blur();
    },
  });

  const filtered = Boolean(search.q || search.channel || search.assignee || search.unread || search.lang);

  return (
    <div className="inbox" data-has-selection={conversationId ? true : undefined}>
      <section className="inbox-list" aria-labelledby="inbox-title">
        <InboxToolbar
          ref={searchRef}
          search={search}
          counts={counts.data}
          total={total}
          channels={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={setSearch}
        />
        <ConnectionBanner />
        <ConversationList
          conversations={items}
          total={total ?? items.length}
          isPending={conversations.isPending}
          error={conversations.error}
          onRetry={() => void conversations.refetch()}
          hasNextPage={conversations.hasNextPage}
          isFetchingNextPage={conversations.isFetchingNextPage}
          fetchNextPage={() => void conversations.fetchNextPage()}
          selectedId={conversationId}
          search={search}
          channelsById={channelsById}
          memberNameById={memberNameById}
          filtered={filtered}
          onClearFilters={() => void navigate({ search: search.status ? { status: search.status } : {} })}
        />
      </section>
      <div className="inbox-pane">
        <Outlet />
      </div>
    </div>
  );
}

export function NoConversationSelected() {
  return (
    <div className="pane-empty">
      <EmptyState
        icon={<IconMessages size={30} />}
        withIndicatorBackground
        title="Pick a conversation"
        description={
          <Text component="span" size="sm" c="dimmed">
            Choose one from the list, or press <Kbd size="xs">j</Kbd> to open the first. <Kbd size="xs">?</Kbd> shows every shortcut.
          </Text>
        }
      />
    </div>
  );
}
