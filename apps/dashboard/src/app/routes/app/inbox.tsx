import { EmptyState, Kbd, Text } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { getRouteApi, Outlet, useParams } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ConnectionBanner } from '../../../components/layout/connection-banner.tsx';
import { useShortcuts } from '../../../hooks/use-shortcuts.ts';
import { useChannels } from '../../../features/channels/api/get-channels.ts';
import { useConversationCounts } from '../../../features/conversations/api/get-conversation-counts.ts';
import { useConversations } from '../../../features/conversations/api/get-conversations.ts';
import { ConversationList } from '../../../features/conversations/components/conversation-list.tsx';
import type { ChannelSummary } from '../../../features/conversations/components/conversation-row.tsx';
import { BulkBar } from '../../../features/conversations/components/bulk-bar.tsx';
import { InboxToolbar } from '../../../features/conversations/components/inbox-toolbar.tsx';
import { countFilters, inboxFilters, parseInboxSearch, type InboxSearch } from '../../../features/conversations/utils/inbox-search.ts';
import { useMembers } from '../../../features/members/api/get-members.ts';
import { InboxNavigation } from './inbox-navigation.ts';
import { useTags } from '../../../lib/tags.ts';
import { useViewer } from '../../../lib/viewer.tsx';

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
  const tags = useTags();
  const viewer = useViewer();

  const items = useMemo(() => conversations.data?.pages.flatMap((p) => p.items) ?? [], [conversations.data]);
  const total = conversations.data?.pages[0]?.pagination.total;
  const channelsById = useMemo(
    () => new Map<string, ChannelSummary>((channels.data?.items ?? []).map((c) => [c.id, { id: c.id, name: c.name, type: c.type }])),
    [channels.data],
  );
  const tagById = useMemo(() => (tags.data ? new Map(tags.data.items.map((t) => [t.id, t])) : undefined), [tags.data]);
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

  // After `e`: the next row, or the one before when it was the last; the list itself when it was the only one.
  const openNext = () => {
    const neighbour = currentIndex >= 0 ? (items[currentIndex + 1] ?? items[currentIndex - 1]) : undefined;
    if (neighbour) void navigate({ to: '/inbox/$conversationId', params: { conversationId: neighbour.id }, search });
    else void navigate({ to: '/inbox', search });
  };
  // Stable for the conversation (no re-render per list change); always calls the latest list's openNext.
  const openNextRef = useRef(openNext);
  openNextRef.current = openNext;
  const inboxNavigation = useMemo(() => ({ openNext: () => openNextRef.current() }), []);
  // Bulk selection: a checkbox toggles its row, shift-click selects the range from the last clicked one,
  // `x` toggles the open conversation. A new view (filters, tab) starts with nothing selected.
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<number | null>(null);
  useEffect(() => {
    setChecked(new Set());
    anchor.current = null;
  }, [filters]);
  const toggle = (id: string, index: number, range: boolean) => {
    setChecked((prev) => {
      const next = new Set(prev);
      if (range && anchor.current !== null) {
        const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
        for (const c of items.slice(from, to + 1)) next.add(c.id);
      } else if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    anchor.current = index;
  };
  const visibleChecked = items.filter((c) => checked.has(c.id)).map((c) => c.id);

  useShortcuts({
    'toggle-select': () => {
      if (currentIndex >= 0) toggle(items[currentIndex]!.id, currentIndex, false);
    },
    'next-conversation': () => open(currentIndex >= 0 ? currentIndex + 1 : conversationId ? lastIndex.current : 0),
    'previous-conversation': () => open(currentIndex >= 0 ? currentIndex - 1 : conversationId ? lastIndex.current - 1 : 0),
    'focus-search': () => searchRef.current?.focus(),
    'leave-field': () => {
      const active = document.activeElement as HTMLElement | null;
      if (active?.hasAttribute('data-escape-blur')) active.blur();
    },
  });

  const filtered = Boolean(search.q || search.channel || search.assignee || search.unread || search.lang || search.tag);
  const everywhere = Boolean(search.q?.trim()) && !search.status && !search.snoozed;

  return (
    <div className="inbox" data-has-selection={conversationId ? true : undefined}>
      <section className="inbox-list" aria-labelledby="inbox-title">
        <InboxToolbar
          ref={searchRef}
          search={search}
          counts={counts.data}
          total={total}
          channels={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          tags={(tags.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
          onChange={setSearch}
        />
        {visibleChecked.length > 0 && viewer.canAct && (
          <BulkBar
            ids={visibleChecked}
            tags={tags.data?.items ?? []}
            members={(members.data?.items ?? []).filter((m) => m.role !== 'VIEWER').map((m) => ({ userId: m.userId, name: m.name }))}
            meId={viewer.userId}
            onDone={() => setChecked(new Set())}
          />
        )}
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
          checked={checked}
          onCheck={toggle}
          showStatus={everywhere}
          tagById={tagById}
        />
      </section>
      <div className="inbox-pane">
        <InboxNavigation.Provider value={inboxNavigation}>
          <Outlet />
        </InboxNavigation.Provider>
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
