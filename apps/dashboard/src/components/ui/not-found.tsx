import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export function NotFound() {
  return (
    <Center h="100%" mih={320} p="xl">
      <Stack align="center" gap="sm" ta="center">
        <Title order={1} size="h3">
          Page not found
        </Title>
        <Text c="dimmed">The page you opened does not exist or was moved.</Text>
        <Button component={Link} to="/inbox">
          Go to the inbox
        </Button>
      </Stack>
    </Center>
  );
}
