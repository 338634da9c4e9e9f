import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { ChannelList } from '../../../features/channels/components/channel-list.tsx';
import { CreateChannelModal } from '../../../features/channels/components/create-channel-modal.tsx';
import { useViewer } from '../../../lib/viewer.tsx';

export function ChannelsRoute() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <SettingsPage>
      <PageHeader
        title="Channels"
        description="Where your customers reach you. Every channel's conversations land in the one inbox."
        actions={
          viewer.isAdmin && (
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              New channel
            </Button>
          )
        }
      />
      <ChannelList onCreate={open} canCreate={viewer.isAdmin} />
      {viewer.isAdmin && (
        <CreateChannelModal
          opened={opened}
          onClose={close}
          onCreated={(channel) => {
            close();
            notifications.show({ color: 'teal', message: `Channel “${channel.name}” created` });
            void navigate({ to: '/settings/channels/$channelId', params: { channelId: channel.id } });
          }}
        />
      )}
    </SettingsPage>
  );
}
