import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useEffect } from 'react';
import { messageOf } from '../../lib/form-errors.ts';

/** What a route shows when its code or data failed to load: what happened, and a way to try again. */
export function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter();
  const { reset } = useQueryErrorResetBoundary();
  useEffect(() => reset(), [reset]);
  const chunkFailed = error instanceof TypeError && /dynamically imported module|Importing a module script failed/.test(error.message);
  return (
    <Center h="100%" mih={320} p="xl">
      <Stack align="center" gap="sm" maw={420} ta="center" role="alert">
        <Title order={2} size="h3">
          {chunkFailed ? 'HelpStack was updated' : 'Something went wrong'}
        </Title>
        <Text c="dimmed">{chunkFailed ? 'Reload to get the latest version.' : messageOf(error)}</Text>
        <Button onClick={() => (chunkFailed ? window.location.reload() : void router.invalidate())}>
          {chunkFailed ? 'Reload' : 'Try again'}
        </Button>
      </Stack>
    </Center>
  );
}
