import { Paper, SimpleGrid, Stack } from '@mantine/core';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { InviteMember } from '../../../features/members/components/invite-member.tsx';
import { MembersTable } from '../../../features/members/components/members-table.tsx';
import { PendingInvitations } from '../../../features/members/components/pending-invitations.tsx';
import { useViewer } from '../../../lib/viewer.tsx';

export function TeamRoute() {
  const viewer = useViewer();
  return (
    <SettingsPage>
      <PageHeader title="Team" description="Who works in this workspace, and what they may do." />
      <Stack gap="lg">
        <Paper withBorder radius="lg" p="xs" component="section" aria-label="Members">
          <MembersTable isAdmin={viewer.isAdmin} meId={viewer.userId} />
        </Paper>
        {viewer.isAdmin && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <InviteMember />
            <PendingInvitations />
          </SimpleGrid>
        )}
      </Stack>
    </SettingsPage>
  );
}
