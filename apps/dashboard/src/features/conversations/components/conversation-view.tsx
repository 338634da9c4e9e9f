import type { Conversation, Member } from '@helpstack/contracts';
import { ActionIcon, Alert, Badge, Button, Group, Menu, Text, Title, Tooltip } from '@mantine/core';
import { useDocumentVisibility } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconCheck, IconChevronDown, IconClock, IconEye, IconLanguage, IconLayoutSidebarRight, IconMail, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ChannelIcon } from '../../../components/ui/channel-icon.tsx';
import { InitialsAvatar } from '../../../components/ui/initials-avatar.tsx';
import { useShortcuts } from '../../../hooks/use-shortcuts.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { languageName } from '../../../lib/languages.ts';
import { useViewer } from '../../../lib/viewer.tsx';
import { useApproveMessage } from '../api/approve-message.ts';
import { conversationKeys } from '../api/keys.ts';
import { useMarkConversationRead } from '../api/mark-conversation-read.ts';
import { useMarkConversationUnread } from '../api/mark-conversation-unread.ts';
import { useRetranslateMessage } from '../api/retranslate-message.ts';
import { useRetryMessage } from '../api/retry-message.ts';
import { startSend, useSendMessage } from '../api/send-message.ts';
import { useUpdateConversation } from '../api/update-conversation.ts';
import { removeMessage, type ChatMessage, type MessagePages } from '../utils/cache-updates.ts';
import { Composer } from './composer.tsx';
import type { ChannelSummary } from './conversation-row.tsx';
import type { MessageActions } from './message-bubble.tsx';
import { MessageThread } from './message-thread.tsx';
import { currentTags, useTags } from '../../../lib/tags.ts';
import { SnoozeMenu } from './snooze-menu.tsx';
import { customerName, PriorityBadge, StatusBadge } from './status-badge.tsx';
import { TagPicker } from './tag-picker.tsx';
import { TypingIndicator } from './typing-indicator.tsx';

type Props = {
  conversation: Conversation;
  channel: ChannelSummary | undefined;
  members: Member[];
  /** The details side panel (conversation fields, customer), composed by the route. */
  sidePanel: ReactNode;
  /** Narrow screens show the side panel on demand. */
  sidePanelMode: 'docked' | 'toggle';
  sidePanelOpen: boolean;
  onToggleSidePanel: () => void;
  /** The organization's plan tokens, shown where AI is offered. */
  tokenBalance?: number;
  /** After `e` (done with this one): where to go next — the inbox opens the next conversation of its list. */
  onDone?: () => void;
};

export function ConversationView({ conversation: c, channel, members, sidePanel, sidePanelMode, sidePanelOpen, onToggleSidePanel, tokenBalance, onDone }: Props) {
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const update = useUpdateConversation();
  const allTags = useTags();
  const tagById = useMemo(() => (allTags.data ? new Map(allTags.data.items.map((t) => [t.id, t])) : undefined), [allTags.data]);
  const patch = (body: Parameters<typeof update.mutate>[0]['patch'], done: string) =>
    update.mutate({ id: c.id, patch: body }, {
      onSuccess: () => notifications.show({ color: 'teal', message: done }),
      onError: (error) => notifications.show({ color: 'red', message: messageOf(error) }),
    });
  const markRead = useMarkConversationRead();
  const approve = useApproveMessage();
  const retry = useRetryMessage();
  const retranslate = useRetranslateMessage();
  const [draftRequest, setDraftRequest] = useState<{ text: string } | null>(null);
  const send = useSendMessage();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const name = customerName(c);
  const memberNameById = useMemo(() => new Map(members.map((m) => [m.userId, m.name])), [members]);

  // Opening a conversation reads it; so does a new message arriving while it is open and visible.
  // …or when the agent comes back to this tab.
  const { mutate: markReadMutate } = markRead;
  const visibility = useDocumentVisibility();
  useEffect(() => {
    if (!viewer.canAct || !c.unread || visibility !== 'visible') return;
    markReadMutate(c.id);
  }, [viewer.canAct, c.id, c.unread, c.unreadCount, visibility, markReadMutate]);

  const setStatus = (status: Conversation['status'], verb: string) => {
    const previous = c.status;
    update.mutate(
      { id: c.id, patch: { status } },
      {
        onSuccess: () =>
          notifications.show({
            id: `status-${c.id}`,
            color: 'teal',
            icon: <IconCheck size={16} />,
            message: (
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <span style={{ flex: 1, minWidth: 0 }}>
                  Conversation with {name} {verb}.
                </span>
                <Button
                  size="compact-sm"
                  variant="light"
                  style={{ flexShrink: 0 }}
                  onClick={() => {
                    notifications.hide(`status-${c.id}`);
                    update.mutate({ id: c.id, patch: { status: previous } });
                  }}
                >
                  Undo
                </Button>
              </Group>
            ),
          }),
        onError: (error) => notifications.show({ color: 'red', title: 'Could not change the status', message: messageOf(error) }),
      },
    );
  };

  const unread = useMarkConversationUnread();
  const navigate = useNavigate();
  // Back to the list, as in a mail client: staying would read it again at once.
  const markUnread = () =>
    unread.mutate(c.id, {
      onSuccess: () => void navigate({ to: '/inbox', search: (prev: Record<string, unknown>) => prev }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not mark as unread', message: messageOf(error) }),
    });

  useShortcuts(
    {
      'focus-reply': () => composerRef.current?.focus(),
      // Inbox-zero flow: close it and move straight on (the toast's Undo still reaches this one).
      'close-conversation': () => {
        if (c.status !== 'CLOSED') setStatus('CLOSED', 'closed');
        onDone?.();
      },
    },
    viewer.canAct,
  );

  const withBusy = (id: string, run: (done: () => void) => void) => {
    setBusy((current) => new Set(current).add(id));
    run(() =>
      setBusy((current) => {
        const next = new Set(current);
        next.delete(id);
        return next;
      }),
    );
  };

  const actions: MessageActions = {
    canAct: viewer.canAct,
    busyIds: busy,
    onApprove: (m: ChatMessage) =>
      withBusy(m.id, (done) =>
        approve.mutate(m, {
          onSettled: done,
          onSuccess: () => notifications.show({ color: 'teal', message: 'Reply approved and on its way', autoClose: 2000 }),
          onError: (error) =>
            error instanceof ApiError && error.status === 409
              ? notifications.show({ color: 'orange', title: 'Still translating', message: 'The translation is not ready yet; approve it once it shows.' })
              : notifications.show({ color: 'red', title: 'Could not approve the reply', message: messageOf(error) }),
        }),
      ),
    onEdit: (m: ChatMessage) => {
      setDraftRequest({ text: m.content });
      composerRef.current?.focus();
    },
    onRetranslate: (m: ChatMessage) =>
      withBusy(m.id, (done) =>
        retranslate.mutate(
          { message: m },
          {
            onSettled: done,
            onError: (error) => notifications.show({ color: 'red', title: 'Could not translate again', message: messageOf(error) }),
          },
        ),
      ),
    onRetry: (m: ChatMessage) =>
      withBusy(m.id, (done) =>
        retry.mutate(m, {
          onSettled: done,
          onError: (error) => notifications.show({ color: 'red', title: 'Could not retry the reply', message: messageOf(error) }),
        }),
      ),
    onResend: (m: ChatMessage) =>
      startSend(send.mutate, {
        conversationId: m.conversationId,
        content: m.content,
        tempId: m.id,
        attachments: m.attachments.map((a, i) => ({ ...a, path: m.local?.attachmentPaths?.[i] ?? '', createdAt: m.createdAt })),
      }),
    onDiscard: (m: ChatMessage) => queryClient.setQueryData<MessagePages>(conversationKeys.messages(m.conversationId), (old) => removeMessage(old, m.id)),
  };

  const closed = c.status === 'CLOSED' || c.status === 'ARCHIVED';

  return (
    <div className="conversation" data-panel={sidePanelMode === 'docked' || sidePanelOpen ? 'open' : undefined}>
      <section className="conversation-main" aria-labelledby="conversation-title">
        <header className="conversation-header">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <InitialsAvatar name={name} colorKey={c.customer?.id ?? c.id} hex={c.customer?.color} size={38} />
            <div style={{ minWidth: 0 }}>
              <Group gap={8} wrap="nowrap">
                <Title order={2} size="h4" id="conversation-title" lineClamp={1}>
                  {name}
                </Title>
                <StatusBadge status={c.status} />
                <PriorityBadge priority={c.priority} />
                <TagPicker tags={allTags.data?.items ?? []} value={currentTags(c.tags, tagById)} disabled={!viewer.canAct} onChange={(tagIds) => patch({ tagIds }, 'Tags updated')} />
                {c.language && (
                  <Badge variant="light" color="grape" leftSection={<IconLanguage size={12} aria-hidden="true" />} className="conversation-language" tt="none">
                    {languageName(c.language)}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed" className="conversation-subtitle" truncate>
                <ChannelIcon type={channel?.type} size={13} />
                {channel?.name ?? 'Channel'}
                {c.subject ? ` · ${c.subject}` : c.customer?.email ? ` · ${c.customer.email}` : ''}
              </Text>
            </div>
          </Group>
          <Group gap={6} wrap="nowrap">
            {viewer.canAct && !closed && (
              <SnoozeMenu
                snoozedUntil={c.snoozedUntil}
                onSnooze={(until) => patch({ snoozedUntil: until.toISOString() }, `Snoozed until ${until.toLocaleString()}`)}
                onUnsnooze={() => patch({ snoozedUntil: null }, 'Unsnoozed')}
              />
            )}
            {viewer.canAct && (
              <Button.Group>
                {closed ? (
                  <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={() => setStatus('OPEN', 'reopened')}>
                    Reopen
                  </Button>
                ) : (
                  <Tooltip label="Close conversation (e)" withArrow>
                    <Button size="xs" variant="default" leftSection={<IconCheck size={14} />} onClick={() => setStatus('CLOSED', 'closed')}>
                      Close
                    </Button>
                  </Tooltip>
                )}
                <Menu position="bottom-end" withArrow>
                  <Menu.Target>
                    <Button size="xs" variant="default" px={6} aria-label="More status actions">
                      <IconChevronDown size={14} />
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {c.status !== 'PENDING' && (
                      <Menu.Item leftSection={<IconClock size={14} />} onClick={() => setStatus('PENDING', 'marked pending')}>
                        Mark as pending
                      </Menu.Item>
                    )}
                    {c.status !== 'OPEN' && (
                      <Menu.Item leftSection={<IconRefresh size={14} />} onClick={() => setStatus('OPEN', 'reopened')}>
                        Reopen
                      </Menu.Item>
                    )}
                    {c.status !== 'ARCHIVED' && (
                      <Menu.Item leftSection={<IconArchive size={14} />} onClick={() => setStatus('ARCHIVED', 'archived')}>
                        Archive
                      </Menu.Item>
                    )}
                    <Menu.Divider />
                    <Menu.Item leftSection={<IconMail size={14} />} onClick={markUnread}>
                      Mark as unread
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Button.Group>
            )}
            {sidePanelMode === 'toggle' && (
              <Tooltip label={sidePanelOpen ? 'Hide details' : 'Show details'} withArrow>
                <ActionIcon variant={sidePanelOpen ? 'light' : 'default'} size={30} onClick={onToggleSidePanel} aria-label="Conversation details" aria-expanded={sidePanelOpen}>
                  <IconLayoutSidebarRight size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        </header>
        <MessageThread conversation={c} memberNameById={memberNameById} meId={viewer.userId} actions={actions} />
        <TypingIndicator conversationId={c.id} customerLabel={name} memberNameById={memberNameById} />
        {viewer.canAct ? (
          <Composer
            key={c.id}
            ref={composerRef}
            conversationId={c.id}
            customerLabel={name}
            tokenBalance={tokenBalance}
            draftRequest={draftRequest}
            members={members}
            channelId={c.channelId}
            variables={{ 'customer.name': c.customer?.name, 'agent.name': viewer.name, 'conversation.id': c.id }}
          />
        ) : (
          <Alert variant="light" color="gray" icon={<IconEye size={16} />} className="viewer-notice">
            You have view-only access. Ask an admin for the Agent role to reply.
          </Alert>
        )}
      </section>
      {(sidePanelMode === 'docked' || sidePanelOpen) && (
        <aside className="details-panel" aria-label="Conversation details">
          {sidePanel}
        </aside>
      )}
    </div>
  );
}
