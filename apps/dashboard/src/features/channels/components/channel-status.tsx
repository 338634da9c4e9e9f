import type { ChannelStatus } from '@helpstack/contracts';
import { Alert, Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { RelativeTime } from '../../../components/ui/relative-time.tsx';
import { fullDateTime } from '../../../lib/relative-time.ts';

/** The last connection check as a badge; nothing until one has run. */
export function ChannelStatusBadge({ status }: { status: ChannelStatus | null }) {
  if (!status) return null;
  const ok = status.state === 'OK';
  return (
    <Tooltip label={ok ? `Connected when checked ${fullDateTime(status.checkedAt)}` : (status.error ?? 'Connection failed')} withArrow multiline maw={320}>
      {/* The dot carries the colour and the text stays at full contrast (also under a dialog's overlay). */}
      <Badge variant="dot" color={ok ? 'teal' : 'red'} size="sm" className="channel-status" data-state={status.state}>
        {ok ? 'Connected' : 'Connection error'}
      </Badge>
    </Tooltip>
  );
}

/** The last check's error in full, where the admin can fix it (the channel page). */
export function ChannelStatusAlert({ status }: { status: ChannelStatus | null }) {
  if (!status || status.state === 'OK') return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The channel cannot reach its provider" role="alert">
      {status.error ?? 'Connection failed'} · checked <RelativeTime iso={status.checkedAt} />
    </Alert>
  );
}
