import type { ConversationStatus } from '@helpstack/contracts';
import { CONVERSATION_STATUSES as conversationStatuses } from '../../../lib/contract-constants.ts';
import { ActionIcon, Badge, CloseButton, Group, Indicator, Kbd, Popover, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconAlarm, IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { forwardRef, useEffect, useState } from 'react';
import { LANGUAGES } from '../../../lib/languages.ts';
import type { ConversationCounts } from '../utils/cache-updates.ts';
import { activeFilterCount, statusOf, type InboxSearch } from '../utils/inbox-search.ts';
import { DateRangeChip, DateRangeFilter } from './date-range-filter.tsx';
import { STATUS_LABELS } from './status-badge.tsx';

type Props = {
  search: InboxSearch;
  counts: ConversationCounts | undefined;
  total: number | undefined;
  channels: { value: string; label: string }[];
  tags: { value: string; label: string }[];
  onChange: (patch: Partial<InboxSearch>, options?: { replace?: boolean }) => void;
};

const formatCount = (n: number) => (n > 999 ? `${Math.floor(n / 1000)}k` : String(n));

/** Search, status tabs and filters of the inbox; every control writes to the URL. */
export const InboxToolbar = forwardRef<HTMLInputElement, Props>(function InboxToolbar({ search, counts, total, channels, tags, onChange }, searchRef) {
  const [query, setQuery] = useState(search.q ?? '');
  // The URL changed from elsewhere (Back, "Clear filters"): follow it.
  useEffect(() => setQuery(search.q ?? ''), [search.q]);
  const commitQuery = useDebouncedCallback((q: string) => onChange({ q: q.trim() ? q : undefined }, { replace: true }), 250);
  // A search without a picked tab looks in every status: no tab is current then.
  const everywhere = Boolean(search.q?.trim()) && !search.status && !search.snoozed;
  const status = everywhere || search.snoozed ? null : statusOf(search);
  const filters = activeFilterCount({ ...search, assignee: undefined, unread: undefined });

  return (
    <div className="inbox-toolbar">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={8} align="baseline" wrap="nowrap">
          <Title order={1} size="h3" id="inbox-title">
            Inbox
          </Title>
          {total !== undefined && (
            <Text size="sm" c="dimmed" fw={500} aria-live="polite" title={`${total.toLocaleString()} ${total === 1 ? 'conversation' : 'conversations'}`}>
              {total.toLocaleString()}
              <span className="visually-hidden"> {total === 1 ? 'conversation' : 'conversations'}</span>
            </Text>
          )}
        </Group>
        <Group gap={8} wrap="nowrap">
          <Switch
            size="xs"
            label="Unread"
            checked={Boolean(search.unread)}
            onChange={(event) => onChange({ unread: event.currentTarget.checked || undefined })}
          />
          <Popover position="bottom-end" shadow="md" width={260} trapFocus withArrow>
            <Popover.Target>
              <Tooltip label="More filters" withArrow>
                <Indicator disabled={filters === 0} label={filters} size={16} offset={4}>
                  <ActionIcon variant={filters ? 'light' : 'default'} aria-label={filters ? `More filters (${filters} on)` : 'More filters'}>
                    <IconAdjustmentsHorizontal size={16} />
                  </ActionIcon>
                </Indicator>
              </Tooltip>
            </Popover.Target>
            <Popover.Dropdown>
              <Stack gap="sm">
                <Select
                  label="Channel"
                  placeholder="All channels"
                  data={channels}
                  value={search.channel ?? null}
                  onChange={(value) => onChange({ channel: value ?? undefined })}
                  clearable
                  comboboxProps={{ withinPortal: false }}
                />
                <Select
                  label="Tag"
                  placeholder="Any tag"
                  data={tags}
                  value={search.tag ?? null}
                  onChange={(value) => onChange({ tag: value ?? undefined })}
                  searchable
                  clearable
                  comboboxProps={{ withinPortal: false }}
                />
                <Select
                  label="Language"
                  placeholder="Any language"
                  data={LANGUAGES}
                  value={search.lang ?? null}
                  onChange={(value) => onChange({ lang: value ?? undefined })}
                  searchable
                  clearable
                  comboboxProps={{ withinPortal: false }}
                />
                <DateRangeFilter range={{ since: search.since, until: search.until }} onChange={(r) => onChange({ since: r.since, until: r.until })} />
              </Stack>
            </Popover.Dropdown>
          </Popover>
        </Group>
      </Group>
      <TextInput
        ref={searchRef}
        type="search"
        aria-label="Search conversations"
        placeholder="Search all conversations"
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        rightSection={
          query ? (
            <CloseButton size="sm" aria-label="Clear search" onClick={() => { setQuery(''); onChange({ q: undefined }, { replace: true }); }} />
          ) : (
            <Kbd size="xs" aria-hidden="true">/</Kbd>
          )
        }
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          commitQuery(event.currentTarget.value);
        }}
        data-escape-blur
      />
      <nav aria-label="Conversation status" className="status-tabs">
        {conversationStatuses.map((s: ConversationStatus) => {
          const count = counts?.[s];
          return (
            <Link
              key={s}
              to="/inbox"
              search={{ ...search, status: s === 'OPEN' && !search.q ? undefined : s, snoozed: undefined }}
              className="status-tab"
              data-active={s === status || undefined}
              aria-current={s === status ? 'page' : undefined}
            >
              {STATUS_LABELS[s]}
              {count !== undefined && count.total > 0 && (
                <Badge size="xs" variant={count.unread > 0 ? 'filled' : 'light'} color={count.unread > 0 ? undefined : 'gray'}>
                  {formatCount(count.total)}
                  <span className="visually-hidden"> conversations{count.unread > 0 ? `, ${count.unread} unread` : ''}</span>
                </Badge>
              )}
            </Link>
          );
        })}
        <Link
          to="/inbox"
          search={{ ...search, status: undefined, snoozed: true }}
          className="status-tab"
          data-active={search.snoozed || undefined}
          aria-current={search.snoozed ? 'page' : undefined}
          aria-label="Snoozed"
          title="Snoozed"
        >
          {/* An icon: five labels do not fit the column. */}
          <IconAlarm size={16} aria-hidden="true" />
        </Link>
      </nav>
      <DateRangeChip range={{ since: search.since, until: search.until }} onClear={() => onChange({ since: undefined, until: undefined })} />
      {everywhere && (
        <Text size="xs" c="dimmed" role="status">
          Searching every status — pick a tab to narrow it.
        </Text>
      )}
      <SegmentedControl
        size="xs"
        fullWidth
        aria-label="Assigned to"
        value={search.assignee === 'me' || search.assignee === 'none' ? search.assignee : 'anyone'}
        onChange={(value) => onChange({ assignee: value === 'anyone' ? undefined : value })}
        data={[
          { value: 'anyone', label: 'Anyone' },
          { value: 'me', label: 'Mine' },
          { value: 'none', label: 'Unassigned' },
        ]}
      />
    </div>
  );
});
