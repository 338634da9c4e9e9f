import { Badge, CloseButton, Group, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { customDateRange, dateRangePresets, describeDateRange, presetOf, toDayInput, type DateRange } from '../utils/date-range.ts';

type Props = { range: DateRange; onChange: (range: DateRange) => void };

const ANY = 'any';
const CUSTOM = 'custom';

/** The inbox filter popover's "Last activity" control: any time, a preset, or custom from/to days. */
export function DateRangeFilter({ range, onChange }: Props) {
  const presets = dateRangePresets();
  const on = Boolean(range.since || range.until);
  const preset = on ? presetOf(range) : null;
  // Custom stays picked while its dates are being typed (an empty pair is still "custom").
  const [custom, setCustom] = useState(on && !preset);
  const value = custom ? CUSTOM : (preset?.key ?? (on ? CUSTOM : ANY));
  const from = range.since ? toDayInput(new Date(range.since)) : '';
  const to = range.until ? toDayInput(new Date(Date.parse(range.until) - 1)) : '';

  return (
    <Stack gap={6}>
      <Select
        label="Last activity"
        data={[{ value: ANY, label: 'Any time' }, ...presets.map((p) => ({ value: p.key, label: p.label })), { value: CUSTOM, label: 'Custom dates…' }]}
        value={value}
        allowDeselect={false}
        onChange={(key) => {
          setCustom(key === CUSTOM);
          if (key === CUSTOM) return;
          onChange(presets.find((p) => p.key === key)?.range ?? {});
        }}
        comboboxProps={{ withinPortal: false }}
      />
      {value === CUSTOM && (
        <Group gap="xs" grow wrap="nowrap">
          <TextInput type="date" size="xs" label="From" value={from} max={to || undefined} onChange={(e) => onChange(customDateRange(e.currentTarget.value, to))} />
          <TextInput type="date" size="xs" label="To" value={to} min={from || undefined} onChange={(e) => onChange(customDateRange(from, e.currentTarget.value))} />
        </Group>
      )}
    </Stack>
  );
}

/** The active date range as a removable chip under the toolbar. */
export function DateRangeChip({ range, onClear }: { range: DateRange; onClear: () => void }) {
  const label = describeDateRange(range);
  if (!label) return null;
  return (
    <Group gap={4}>
      {/* A Badge with a real button: Mantine's Pill hides its remove button from keyboards and screen readers. */}
      <Badge
        variant="light"
        tt="none"
        rightSection={<CloseButton size="xs" variant="transparent" aria-label={`Remove filter: last activity ${label}`} onClick={onClear} />}
      >
        Last activity: {label}
      </Badge>
    </Group>
  );
}
