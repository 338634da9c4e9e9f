import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { messageOf } from '../../lib/form-errors.ts';

/**
 * "Delete this …?" with Cancel / Delete: runs `onConfirm`, then says it is done and closes, or says why not
 * and stays open.
 */
export function ConfirmDeleteModal({ opened, title, children, doneMessage, pending, onConfirm, onClose }: {
  opened: boolean;
  title: string;
  /** What deleting it means, in a sentence. */
  children: ReactNode;
  doneMessage: string;
  pending: boolean;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const confirm = () =>
    onConfirm().then(
      () => {
        notifications.show({ color: 'teal', message: doneMessage });
        onClose();
      },
      (error: unknown) => notifications.show({ color: 'red', title: 'Could not delete', message: messageOf(error) }),
    );
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={() => void confirm()}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
