import { Anchor, Badge, Group, Skeleton, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { CHANNEL_TYPE_LABELS, ChannelIcon } from '../../../components/ui/channel-icon.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useAiProviders } from '../../../features/ai-providers/api/get-ai-providers.ts';
import { useChannel } from '../../../features/channels/api/get-channel.ts';
import { ChannelSettingsForm } from '../../../features/channels/components/channel-settings-form.tsx';
import { ChannelStatusAlert, ChannelStatusBadge } from '../../../features/channels/components/channel-status.tsx';
import { DeleteChannelButton } from '../../../features/channels/components/delete-channel-button.tsx';
import { EmbedSnippet } from '../../../features/channels/components/embed-snippet.tsx';
import { WebhookSetup } from '../../../features/channels/components/webhook-setup.tsx';
import { WidgetAppearanceEditor } from '../../../features/channels/components/widget-appearance-editor.tsx';
import { useViewer } from '../../../lib/viewer.tsx';

const route = getRouteApi('/_app/settings/channels/$channelId');

export function ChannelRoute() {
  const { channelId } = route.useParams();
  const queryClient = useQueryClient();
  const channel = useChannel(channelId, queryClient);
  const viewer = useViewer();
  const navigate = useNavigate();
  const providers = useAiProviders();
  const providerOptions = (providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.isDefault ? `${p.name} (default)` : p.name }));

  const back = (
    <Anchor renderRoot={(props) => <Link {...props} to="/settings/channels" />} size="sm" mb="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={14} aria-hidden="true" /> All channels
    </Anchor>
  );

  if (channel.isPending) {
    return (
      <SettingsPage>
        {back}
        <Skeleton height={36} width={280} mb="lg" />
        <Skeleton height={240} radius="lg" />
      </SettingsPage>
    );
  }
  if (channel.isError) {
    return (
      <SettingsPage>
        {back}
        <QueryError error={channel.error} onRetry={() => void channel.refetch()} title="Could not load the channel" />
      </SettingsPage>
    );
  }
  const c = channel.data;
  return (
    <SettingsPage>
      {back}
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <ChannelIcon type={c.type} size={26} />
            {c.name}
            <Badge variant="light" color="gray">
              {CHANNEL_TYPE_LABELS[c.type]}
            </Badge>
            <ChannelStatusBadge status={c.status} />
          </Group>
        }
        actions={viewer.isAdmin && <DeleteChannelButton channel={c} onDeleted={() => void navigate({ to: '/settings/channels' })} />}
      />
      <Stack gap="lg">
        <ChannelStatusAlert status={c.status} />
        {viewer.isAdmin && <WebhookSetup type={c.type} channel={c} />}
        {c.type === 'WEBSITE_CHAT' && c.widgetConfig && (
          <>
            <EmbedSnippet channelId={c.id} />
            <WidgetAppearanceEditor key={c.updatedAt} channel={c} config={c.widgetConfig} readOnly={!viewer.isAdmin} />
          </>
        )}
        <ChannelSettingsForm key={c.id} channel={c} readOnly={!viewer.isAdmin} aiProviders={providerOptions} />
      </Stack>
    </SettingsPage>
  );
}
