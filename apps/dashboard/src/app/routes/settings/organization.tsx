import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { AiUsageTable } from '../../../features/organization/components/ai-usage-table.tsx';
import { OrganizationSettings } from '../../../features/organization/components/organization-settings.tsx';
import { useViewer } from '../../../lib/viewer.tsx';

export function OrganizationRoute() {
  const viewer = useViewer();
  return (
    <SettingsPage>
      <PageHeader title="Organization" description="Your workspace's name, language, token balance and AI usage." />
      <Stack gap="lg">
        <OrganizationSettings readOnly={!viewer.isAdmin} />
        <AiUsageTable />
      </Stack>
    </SettingsPage>
  );
}
