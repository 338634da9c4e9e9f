import type { ChannelType, Conversation, Tag } from '@helpstack/contracts';
import { Badge, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { memo } from 'react';
import { ChannelIcon } from '../../../components/ui/channel-icon.tsx';
import { InitialsAvatar } from '../../../components/ui/initials-avatar.tsx';
import { RelativeTime } from '../../../components/ui/relative-time.tsx';
import type { InboxSearch } from '../utils/inbox-search.ts';
import { TagBadge } from '../../../components/ui/tag-badge.tsx';
import { currentTags } from '../../../lib/tags.ts';
import { customerName, PriorityBadge, StatusBadge } from './status-badge.tsx';

export type ChannelSummary = { id: string; name: string; type: ChannelType };

export const ROW_HEIGHT = 84;

type Props = {
  conversation: Conversation;
  channel: ChannelSummary | undefined;
  assigneeName: string | null;
  selected: boolean;
  search: InboxSearch;
  /** A search across every status: each row says which one it is in. */
  showStatus?: boolean;
  /** The organization's tags by id (see currentTags). */
  tagById?: ReadonlyMap<string, Tag>;
};

const TAGS_SHOWN = 2;

export const ConversationRow = memo(function ConversationRow({ conversation: c, channel, assigneeName, selected, search, showStatus = false, tagById }: Props) {
  const name = customerName(c);
  const tags = currentTags(c.tags, tagById);
  const preview = c.lastMessagePreview || c.subject || 'No messages yet';
  return (
    <Link
      to="/inbox/$conversationId"
      params={{ conversationId: c.id }}
      search={search}
      className="conversation-row"
      data-selected={selected || undefined}
      data-unread={c.unread || undefined}
      aria-current={selected ? 'page' : undefined}
      preload="intent"
    >
      <InitialsAvatar name={name} colorKey={c.customer?.id ?? c.id} hex={c.customer?.color} size={36} />
      <div className="conversation-row-body">
        <div className="conversation-row-line">
          <Text component="span" size="sm" fw={c.unread ? 700 : 500} truncate className="conversation-row-name">
            {name}
          </Text>
          <Text component="span" size="xs" c={c.unread ? 'var(--mantine-color-text)' : 'dimmed'} fw={c.unread ? 600 : 400} className="conversation-row-time">
            <RelativeTime iso={c.lastMessageAt} />
          </Text>
        </div>
        <Text size="sm" c={c.unread ? 'var(--mantine-color-text)' : 'dimmed'} lineClamp={1} className="conversation-row-preview">
          {preview}
        </Text>
        <div className="conversation-row-line conversation-row-meta">
          <Text component="span" size="xs" c="dimmed" className="conversation-row-channel" truncate>
            <ChannelIcon type={channel?.type} size={13} />
            {channel?.name ?? 'Channel'}
            {assigneeName && <> · {assigneeName}</>}
          </Text>
          <span className="conversation-row-badges">
            {tags.slice(0, TAGS_SHOWN).map((t) => <TagBadge key={t.id} tag={t} maw={90} />)}
            {tags.length > TAGS_SHOWN && <Text component="span" size="xs" c="dimmed" title={tags.slice(TAGS_SHOWN).map((t) => t.name).join(', ')}>+{tags.length - TAGS_SHOWN}</Text>}
            {c.snoozedUntil && <Badge size="xs" variant="light" color="yellow" radius="sm" title={`Snoozed until ${new Date(c.snoozedUntil).toLocaleString()}`}>Snoozed</Badge>}
            {showStatus && !c.snoozedUntil && <StatusBadge status={c.status} />}
            <PriorityBadge priority={c.priority} />
            {c.unread && c.unreadCount > 0 && (
              <Badge size="sm" circle={c.unreadCount < 10}>
                {c.unreadCount > 99 ? '99+' : c.unreadCount}
                <span className="visually-hidden"> unread</span>
              </Badge>
            )}
          </span>
        </div>
      </div>
    </Link>
  );
});
