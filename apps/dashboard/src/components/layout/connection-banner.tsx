import { Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useConnectionState } from '../../lib/realtime-context.tsx';

/**
 * Says so when live updates have stopped for more than a moment (a blip of a reconnect is not worth
 * a banner). What was missed is replayed on reconnect, so the copy promises exactly that.
 */
export function ConnectionBanner() {
  const state = useConnectionState();
  const down = state === 'reconnecting' || state === 'offline';
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!down) {
      setVisible(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), 2_500);
    return () => clearTimeout(timer);
  }, [down]);
  return (
    <div role="status" aria-live="polite">
      {visible && down && (
        <div className="connection-banner">
          <IconPlugConnectedX size={16} aria-hidden="true" />
          <Text size="xs" fw={500}>
            {state === 'offline' ? 'You are offline.' : 'Reconnecting…'} New messages will appear as soon as the connection is back.
          </Text>
        </div>
      )}
    </div>
  );
}
