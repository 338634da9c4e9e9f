import { Alert, Button, Group, Text } from '@mantine/core';
import { IconCircleCheck, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import type { CheckConnectionInput, useCheckConnection } from '../api/check-connection.ts';

type Props = {
  /** Owned by the form, so a 400's field messages show on its inputs like a failed save's. */
  check: ReturnType<typeof useCheckConnection>;
  /** What to check, read when the button is pressed. */
  input: () => CheckConnectionInput;
  /** Identifies the form's current values: an answer about other values is not shown. */
  valuesKey: string;
};

/** "Check connection": asks the provider with the form's credentials and says what it answered. */
export function ConnectionCheck({ check, input, valuesKey }: Props) {
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const result = checkedKey === valuesKey ? check.data : undefined;
  const run = () => {
    setCheckedKey(valuesKey);
    check.mutate(input());
  };
  return (
    <>
      <Group gap="sm">
        <Button variant="default" leftSection={<IconPlugConnected size={16} />} loading={check.isPending} onClick={run}>
          Check connection
        </Button>
        {result?.ok && !check.isPending && (
          <Text size="sm" c="teal.9" role="status" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
            <IconCircleCheck size={16} aria-hidden="true" /> Connection works
          </Text>
        )}
      </Group>
      {result && !result.ok && !check.isPending && (
        <Alert color="red" variant="light" role="alert" title="Connection failed">
          {result.error}
        </Alert>
      )}
    </>
  );
}
