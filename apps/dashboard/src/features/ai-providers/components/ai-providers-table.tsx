import type { AiProvider } from '@helpstack/contracts';
import { Badge, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected, IconStar } from '@tabler/icons-react';
import { SettingsTable } from '../../../components/ui/settings-table.tsx';
import { messageOf } from '../../../lib/form-errors.ts';
import { useTestAiProvider } from '../api/test-ai-provider.ts';
import { useUpdateAiProvider } from '../api/update-ai-provider.ts';
import { TYPE_LABELS } from './ai-provider-form-modal.tsx';

type Props = {
  providers: AiProvider[];
  canEdit: boolean;
  onEdit: (p: AiProvider) => void;
  onDelete: (p: AiProvider) => void;
  /** After a test call: it spent plan tokens. */
  onTested?: () => void;
};

function TestButton({ provider, onTested }: { provider: AiProvider; onTested?: () => void }) {
  const test = useTestAiProvider();
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconPlugConnected size={14} />}
      loading={test.isPending}
      onClick={() =>
        test.mutate(provider.id, {
          onSuccess: (r) => {
            notifications.show({ color: 'teal', title: `${provider.name} answered`, message: `${r.model} in ${r.latencyMs} ms` });
            onTested?.();
          },
          onError: (error) => notifications.show({ color: 'red', title: `${provider.name} failed`, message: messageOf(error) }),
        })
      }
    >
      Test
    </Button>
  );
}

export function AiProvidersTable({ providers, canEdit, onEdit, onDelete, onTested }: Props) {
  const update = useUpdateAiProvider();
  return (
    <SettingsTable
      rows={providers}
      minWidth={640}
      actions={{
        canEdit,
        onEdit,
        onDelete,
        // Testing and choosing the default are for editors too, so viewers get no actions column at all.
        editorsOnly: true,
        extra: (p) => (
          <>
            <TestButton provider={p} onTested={onTested} />
            {!p.isDefault && (
              <Button
                size="xs"
                variant="subtle"
                loading={update.isPending && update.variables?.id === p.id}
                onClick={() =>
                  update.mutate(
                    { id: p.id, body: { isDefault: true } },
                    { onError: (error) => notifications.show({ color: 'red', title: 'Could not set the default', message: messageOf(error) }) },
                  )
                }
              >
                Make default
              </Button>
            )}
          </>
        ),
      }}
      columns={[
        {
          header: 'Name',
          cell: (p) => (
            <>
              <Group gap="xs">
                <Text fw={500}>{p.name}</Text>
                {p.isDefault && (
                  <Badge size="sm" variant="light" leftSection={<IconStar size={12} aria-hidden="true" />}>
                    Default
                  </Badge>
                )}
              </Group>
              {p.baseUrl && (
                <Text size="xs" c="dimmed">
                  {p.baseUrl}
                </Text>
              )}
            </>
          ),
        },
        {
          header: 'Type and model',
          cell: (p) => (
            <>
              <Text size="sm">{TYPE_LABELS[p.type].split(' (')[0]}</Text>
              <Text size="xs" c="dimmed">
                {p.model}
              </Text>
            </>
          ),
        },
        {
          header: 'Key',
          cell: (p) => (
            <Badge size="sm" variant="outline" color={p.hasApiKey ? 'teal' : 'gray'}>
              {p.hasApiKey ? 'Stored' : 'None'}
            </Badge>
          ),
        },
      ]}
    />
  );
}
