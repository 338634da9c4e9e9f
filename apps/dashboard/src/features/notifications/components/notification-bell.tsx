import type { Notification } from '@helpstack/contracts';
import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications as toasts } from '@mantine/notifications';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { RelativeTime } from '../../../components/ui/relative-time.tsx';
import { messageOf } from '../../../lib/form-errors.ts';
import { useNotifications } from '../api/get-notifications.ts';
import { useMarkNotificationsRead } from '../api/mark-notifications-read.ts';
import { getNotificationPreferencesQueryOptions } from '../api/preferences.ts';

/**
 * The bell: unread count, and a popover of the newest notifications. Opening one marks it read and goes
 * to its conversation. New ones arrive by realtime (`notification.created`), not by polling.
 */
export function NotificationBell() {
  const list = useNotifications();
  // Loaded with the bell so the realtime handler knows at once whether to play a sound.
  useQuery(getNotificationPreferencesQueryOptions());
  const markRead = useMarkNotificationsRead();
  const navigate = useNavigate();
  const [opened, { close, toggle }] = useDisclosure(false);
  const unread = list.data?.unreadCount ?? 0;
  const label = unread ? `Notifications (${unread} unread)` : 'Notifications';

  const onError = (error: unknown) => toasts.show({ color: 'red', title: 'Could not mark as read', message: messageOf(error) });

  const open = (n: Notification) => {
    if (!n.read) markRead.mutate({ ids: [n.id] }, { onError });
    close();
    if (n.conversationId) void navigate({ to: '/inbox/$conversationId', params: { conversationId: n.conversationId } });
  };

  return (
    <Popover opened={opened} onChange={(o) => (o ? undefined : close())} position="right-end" withArrow shadow="md" width={360} trapFocus>
      <Popover.Target>
        <Tooltip label={label} position="right" withArrow disabled={opened}>
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={16}
            disabled={unread === 0}
            offset={6}
            color="red"
            data-testid="notification-unread"
            data-count={unread}
          >
            <ActionIcon variant="subtle" color="gray" size="lg" onClick={toggle} aria-label={label} aria-haspopup="dialog" aria-expanded={opened}>
              <IconBell size={22} stroke={1.7} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label="Notifications" role="dialog">
        <Group justify="space-between" px="md" py="xs" className="notification-bell-header">
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconChecks size={14} />}
            disabled={unread === 0}
            onClick={() => markRead.mutate({ all: true }, { onError })}
          >
            Mark all read
          </Button>
        </Group>
        {list.isPending ? (
          <Text size="sm" c="dimmed" p="md">
            Loading…
          </Text>
        ) : list.isError ? (
          <Stack p="sm">
            <QueryError error={list.error} onRetry={() => void list.refetch()} title="Could not load notifications" />
          </Stack>
        ) : list.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" p="md">
            Nothing yet. New conversations and replies for you will show up here.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={0} component="ul" className="notification-list" aria-label="Notifications">
              {list.data.items.map((n) => (
                <li key={n.id}>
                  <UnstyledButton className="notification-item" data-unread={!n.read || undefined} onClick={() => open(n)}>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <span className="notification-dot" aria-hidden="true" />
                      <div style={{ flex: 1, minWidth: 0 }}>
                        <Group justify="space-between" gap="xs" wrap="nowrap">
                          <Text size="sm" fw={n.read ? 400 : 600} truncate>
                            {n.title}
                          </Text>
                          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                            <RelativeTime iso={n.createdAt} />
                          </Text>
                        </Group>
                        {n.body && (
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {n.body}
                          </Text>
                        )}
                        {!n.read && <span className="visually-hidden">Unread</span>}
                      </div>
                    </Group>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
