import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader({ title, description, actions, id = 'page-title' }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="md" wrap="nowrap">
      <div>
        <Title order={1} size="h2" id={id}>
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm" mt={4} maw={620}>
            {description}
          </Text>
        )}
      </div>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
