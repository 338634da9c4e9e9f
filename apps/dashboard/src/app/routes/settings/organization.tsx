import { PageHeader } from '../../../components/layout/page-header.tsx';
import { SettingsPage } from '../../../components/layout/settings-page.tsx';
import { OrganizationSettings } from '../../../features/organization/components/organization-settings.tsx';
import { useViewer } from '../../../lib/viewer.tsx';

export function OrganizationRoute() {
  const viewer = useViewer();
  return (
    <SettingsPage>
      <PageHeader title="Organization" description="Your workspace's name, language and token balance." />
      <OrganizationSettings readOnly={!viewer.isAdmin} />
    </SettingsPage>
  );
}
