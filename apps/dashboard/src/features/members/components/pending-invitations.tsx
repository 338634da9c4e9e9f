import { ActionIcon, Badge, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { messageOf } from '../../../lib/form-errors.ts';
import { fullDateTime, timeAgo } from '../../../lib/relative-time.ts';
import { useInvitations } from '../api/get-invitations.ts';
import { useRevokeInvitation } from '../api/revoke-invitation.ts';
import { ROLE_LABELS } from '../../../lib/role-labels.ts';

export function PendingInvitations() {
  const invitations = useInvitations(true);
  const revoke = useRevokeInvitation();
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="pending-title">
      <Title order={2} size="h4" id="pending-title" mb="sm">
        Pending invitations
      </Title>
      {invitations.isPending ? (
        <Skeleton height={40} />
      ) : invitations.isError ? (
        <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : invitations.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No invitations waiting.
        </Text>
      ) : (
        <Stack gap={6} component="ul" className="plain-list">
          {invitations.data.items.map((i) => (
            <Group key={i.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {i.email}
                </Text>
                <Text size="xs" c="dimmed" title={fullDateTime(i.expiresAt)}>
                  Invited {timeAgo(i.createdAt)} · expires {timeAgo(i.expiresAt)}
                </Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                <Badge variant="light" color="gray">
                  {ROLE_LABELS[i.role]}
                </Badge>
                <Tooltip label="Revoke" withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Revoke the invitation for ${i.email}`}
                    onClick={() =>
                      revoke.mutate(i.id, {
                        onSuccess: () => notifications.show({ color: 'teal', message: `Invitation for ${i.email} revoked` }),
                        onError: (error) => notifications.show({ color: 'red', title: 'Could not revoke', message: messageOf(error) }),
                      })
                    }
                  >
                    <IconX size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
