import { Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useState } from 'react';
import { parseLocalDateTime, snoozePresets } from '../utils/snooze-presets.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const toLocalInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

type Props = {
  snoozedUntil: string | null;
  onSnooze: (until: Date) => void;
  onUnsnooze: () => void;
};

/** "Snooze…": presets, a custom date-time, and "Unsnooze" while snoozed (CONTRACT §12). */
export function SnoozeMenu({ snoozedUntil, onSnooze, onUnsnooze }: Props) {
  const [customOpen, setCustomOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const customDate = parseLocalDateTime(custom);
  const customError = custom && (!customDate || customDate.getTime() <= Date.now()) ? 'Pick a time in the future' : undefined;
  return (
    <>
      <Menu position="bottom-end" withArrow>
        <Menu.Target>
          <Button size="xs" variant={snoozedUntil ? 'light' : 'default'} color={snoozedUntil ? 'yellow' : undefined} leftSection={<IconAlarm size={14} />}>
            {snoozedUntil ? `Snoozed until ${new Date(snoozedUntil).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}` : 'Snooze'}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Snooze until</Menu.Label>
          {snoozePresets().map((p) => (
            <Menu.Item key={p.key} onClick={() => onSnooze(p.until)} rightSection={<Text size="xs" c="dimmed">{p.until.toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}</Text>}>
              {p.label}
            </Menu.Item>
          ))}
          <Menu.Item onClick={() => { setCustom(toLocalInput(new Date(Date.now() + 2 * 3600_000))); setCustomOpen(true); }}>Custom date and time…</Menu.Item>
          {snoozedUntil && (
            <>
              <Menu.Divider />
              <Menu.Item onClick={onUnsnooze}>Unsnooze (reopen now)</Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={customOpen} onClose={() => setCustomOpen(false)} title="Snooze until" size="sm" closeButtonProps={{ 'aria-label': 'Close' }}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (customDate && !customError) {
              onSnooze(customDate);
              setCustomOpen(false);
            }
          }}
        >
          <Stack gap="xs">
            <TextInput type="datetime-local" label="Date and time" value={custom} onChange={(e) => setCustom(e.currentTarget.value)} error={customError} data-autofocus />
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setCustomOpen(false)}>Cancel</Button>
              <Button size="xs" type="submit" disabled={!customDate || Boolean(customError)}>Snooze</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
