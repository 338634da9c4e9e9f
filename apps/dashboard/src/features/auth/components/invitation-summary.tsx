import type { InvitationPreview } from '@helpstack/contracts';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { ROLE_HELP, ROLE_LABELS } from '../../../lib/role-labels.ts';

/** What the invitation is for, before the invitee commits to anything: workspace, role and address. */
export function InvitationSummary({ preview }: { preview: InvitationPreview }) {
  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)" aria-label="Invitation">
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Text fw={600} size="lg" data-testid="invitation-workspace">
            {preview.organizationName}
          </Text>
          <Badge variant="light" data-testid="invitation-role">
            {ROLE_LABELS[preview.role]}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {ROLE_HELP[preview.role]}.
        </Text>
        <Text size="sm">
          For <strong data-testid="invitation-email">{preview.email}</strong>
        </Text>
      </Stack>
    </Paper>
  );
}
