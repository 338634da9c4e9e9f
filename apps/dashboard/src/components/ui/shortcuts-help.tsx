import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { SHORTCUTS } from '../../lib/keyboard-shortcuts.ts';

const label = (key: string) => (key === 'Escape' ? 'Esc' : key);

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" centered size="sm">
      <Stack gap="xs" component="dl" m={0}>
        {SHORTCUTS.map((s) => (
          <Group key={s.action} justify="space-between" wrap="nowrap">
            <Text component="dt" size="sm">
              {s.description}
            </Text>
            <Text component="dd" m={0}>
              {s.keys.map((k) => (
                <Kbd key={k}>{label(k)}</Kbd>
              ))}
            </Text>
          </Group>
        ))}
        <Group justify="space-between" wrap="nowrap">
          <Text component="dt" size="sm">
            Command palette (jump anywhere, act on the conversation)
          </Text>
          <Text component="dd" m={0}>
            <Kbd>Ctrl</Kbd> <Kbd>K</Kbd>
          </Text>
        </Group>
      </Stack>
      <Text size="xs" c="dimmed" mt="md">
        Shortcuts work when you are not typing in a field.
      </Text>
    </Modal>
  );
}
