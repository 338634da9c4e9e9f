import type { Member, Role } from '@helpstack/contracts';
import { ActionIcon, Badge, Group, Select, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { InitialsAvatar } from '../../../components/ui/initials-avatar.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { ROLES } from '../../../lib/contract-constants.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { ROLE_LABELS } from '../../../lib/role-labels.ts';
import { useMembers } from '../api/get-members.ts';
import { useRemoveMember } from '../api/remove-member.ts';
import { useUpdateMemberRole } from '../api/update-member-role.ts';

export function MembersTable({ isAdmin, meId }: { isAdmin: boolean; meId: string }) {
  const members = useMembers();
  const updateRole = useUpdateMemberRole();
  const remove = useRemoveMember();

  if (members.isPending) return <Skeleton height={160} radius="md" />;
  if (members.isError) return <QueryError error={members.error} onRetry={() => void members.refetch()} title="Could not load the team" />;

  // Whoever is looking at this page is online, whatever the last presence snapshot said.
  const online = (m: Member) => m.online || m.userId === meId;
  const changeRole = (m: Member, role: Role) =>
    updateRole.mutate(
      { id: m.id, role },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: `${m.name} is now ${ROLE_LABELS[role].toLowerCase()}` }),
        onError: (error) => notifications.show({ color: 'red', title: 'Could not change the role', message: messageOf(error) }),
      },
    );
  const removeMember = (m: Member) => {
    if (!window.confirm(`Remove ${m.name} from the team? They lose access at once.`)) return;
    remove.mutate(m.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: `${m.name} was removed` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not remove', message: messageOf(error) }),
    });
  };

  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Member</Table.Th>
            <Table.Th w={200}>Role</Table.Th>
            <Table.Th w={110}>Status</Table.Th>
            {isAdmin && (
              <Table.Th w={56}>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.data.items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <InitialsAvatar name={m.name} colorKey={m.userId} size={34} />
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate>
                      {m.name}
                      {m.userId === meId && (
                        <Text component="span" size="xs" c="dimmed" fw={400}>
                          {' '}
                          (you)
                        </Text>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {m.email}
                    </Text>
                  </div>
                </Group>
              </Table.Td>
              <Table.Td>
                {isAdmin ? (
                  <Select
                    size="xs"
                    aria-label={`Role of ${m.name}`}
                    data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                    value={m.role}
                    onChange={(value) => value && value !== m.role && changeRole(m, value as Role)}
                    allowDeselect={false}
                  />
                ) : (
                  <Badge variant="light" color={m.role === 'ADMIN' ? 'indigo' : 'gray'}>
                    {ROLE_LABELS[m.role]}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <span className="presence-dot" data-online={online(m) || undefined} aria-hidden="true" />
                  <Text size="sm" c={online(m) ? undefined : 'dimmed'}>
                    {online(m) ? 'Online' : 'Offline'}
                  </Text>
                </Group>
              </Table.Td>
              {isAdmin && (
                <Table.Td>
                  {m.userId !== meId && (
                    <Tooltip label="Remove from team" withArrow>
                      <ActionIcon variant="subtle" color="red" onClick={() => removeMember(m)} aria-label={`Remove ${m.name}`}>
                        <IconUserMinus size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
