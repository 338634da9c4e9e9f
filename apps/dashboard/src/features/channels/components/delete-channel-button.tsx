import type { Channel } from '@helpstack/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { getFormErrors } from '../../../lib/form-errors.ts';
import { useDeleteChannel } from '../api/delete-channel.ts';

export function DeleteChannelButton({ channel, onDeleted }: { channel: Channel; onDeleted: () => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  const remove = useDeleteChannel();
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={open}>
        Delete channel
      </Button>
      <Modal opened={opened} onClose={close} title={`Delete “${channel.name}”?`} centered>
        <Stack gap="md">
          <Text size="sm">Its conversations and messages are deleted with it. This cannot be undone.</Text>
          <FormAlert message={getFormErrors(remove.error, []).message} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(channel.id, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: `Channel “${channel.name}” deleted` });
                    close();
                    onDeleted();
                  },
                })
              }
            >
              Delete channel
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
