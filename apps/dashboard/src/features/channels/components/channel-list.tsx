import type { Channel } from '@helpstack/contracts';
import { Badge, Button, EmptyState, Group, Paper, Skeleton, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconPlugConnected } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { CHANNEL_TYPE_LABELS, ChannelIcon } from '../../../components/ui/channel-icon.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { languageName } from '../../../lib/languages.ts';
import { useChannels } from '../api/get-channels.ts';
import { ChannelStatusBadge } from './channel-status.tsx';

export function ChannelList({ onCreate, canCreate }: { onCreate: () => void; canCreate: boolean }) {
  const channels = useChannels();
  if (channels.isPending) {
    return (
      <Stack gap="sm">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={68} radius="md" />
        ))}
      </Stack>
    );
  }
  if (channels.isError) return <QueryError error={channels.error} onRetry={() => void channels.refetch()} title="Could not load channels" />;
  if (channels.data.items.length === 0) {
    return (
      <Paper withBorder radius="lg" p="xl">
        <EmptyState
          icon={<IconPlugConnected size={28} />}
          withIndicatorBackground
          title="Connect your first channel"
          description="Add a chat widget to your website, or connect email, WhatsApp, Messenger, Instagram or Telegram. Conversations from every channel land in one inbox."
        >
          {canCreate && (
            <EmptyState.Actions>
              <Button onClick={onCreate}>New channel</Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      </Paper>
    );
  }
  return (
    <Stack gap="sm" component="ul" className="plain-list">
      {channels.data.items.map((channel: Channel) => (
        <li key={channel.id}>
          <UnstyledButton
            renderRoot={(props) => <Link {...props} to="/settings/channels/$channelId" params={{ channelId: channel.id }} />}
            className="channel-card"
          >
            <Group wrap="nowrap" gap="md">
              <ThemeIcon variant="light" size={40} radius="md">
                <ChannelIcon type={channel.type} size={22} />
              </ThemeIcon>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Group gap={8}>
                  <Text fw={600} truncate>
                    {channel.name}
                  </Text>
                  <Badge variant="light" color="gray" size="sm">
                    {CHANNEL_TYPE_LABELS[channel.type]}
                  </Badge>
                  <ChannelStatusBadge status={channel.status} />
                </Group>
                <Text size="xs" c="dimmed">
                  Agent language: {languageName(channel.defaultLanguage)}
                  {channel.autoTranslate ? ' · auto-translate on' : ''}
                </Text>
              </div>
              <IconChevronRight size={18} aria-hidden="true" />
            </Group>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}
