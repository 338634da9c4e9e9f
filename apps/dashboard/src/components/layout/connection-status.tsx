import { Tooltip } from '@mantine/core';
import type { ConnectionState } from '../../lib/realtime-connection.ts';

const LABELS: Record<ConnectionState, string> = {
  live: 'Live: updates arrive instantly',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting… updates will catch up',
  offline: 'Offline: updates paused until you are back online',
};

/** The realtime socket's state as a dot; changes are announced politely to screen readers. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <Tooltip label={LABELS[state]} position="right" withArrow>
      <span className="connection-status" data-state={state} role="status" aria-live="polite" tabIndex={0}>
        <span className="connection-dot" aria-hidden="true" />
        <span className="visually-hidden">{LABELS[state]}</span>
      </span>
    </Tooltip>
  );
}
