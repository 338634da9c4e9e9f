import type { Organization } from '@helpstack/contracts';
import { Badge, Button, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCoin } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { languageOptions } from '../../../lib/languages.ts';
import { fullDateTime } from '../../../lib/relative-time.ts';
import { useOrganization } from '../api/get-organization.ts';
import { useUpdateOrganization } from '../api/update-organization.ts';

function Form({ organization, readOnly }: { organization: Organization; readOnly: boolean }) {
  const [name, setName] = useState(organization.name);
  const [language, setLanguage] = useState(organization.defaultLanguage);
  const update = useUpdateOrganization();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(update.error, ['name', 'defaultLanguage']);
  useFocusOnError(formRef, update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: name.trim(), defaultLanguage: language }, { onSuccess: () => notifications.show({ color: 'teal', message: 'Organization saved' }) });
  };
  return (
    <Paper withBorder radius="lg" p="lg" component="form" ref={formRef} onSubmit={submit} noValidate aria-labelledby="org-form-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="org-form-title">
          Details
        </Title>
        <FormAlert message={errors.message} />
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fields.name?.join(' ')} readOnly={readOnly} />
        <Select
          label="Default language"
          description="New channels start with it as their agent language."
          data={languageOptions(language)}
          value={language}
          onChange={(v) => v && setLanguage(v)}
          searchable
          allowDeselect={false}
          readOnly={readOnly}
          error={errors.fields.defaultLanguage?.join(' ')}
        />
        {!readOnly && (
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={name === organization.name && language === organization.defaultLanguage}>
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function OrganizationSettings({ readOnly }: { readOnly: boolean }) {
  const organization = useOrganization();
  if (organization.isPending) return <Skeleton height={220} radius="lg" />;
  if (organization.isError) return <QueryError error={organization.error} onRetry={() => void organization.refetch()} title="Could not load the organization" />;
  const o = organization.data;
  const low = o.tokenBalance < 100;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Form key={o.updatedAt} organization={o} readOnly={readOnly} />
      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="usage-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4" id="usage-title">
              Plan and tokens
            </Title>
            <Badge variant="light">{o.plan}</Badge>
          </Group>
          <Group gap="xs" align="baseline">
            <IconCoin size={22} aria-hidden="true" />
            <Text fz={36} fw={700} lh={1}>
              {o.tokenBalance.toLocaleString()}
            </Text>
            <Text c="dimmed" size="sm">
              tokens left
            </Text>
          </Group>
          <Text size="sm" c={low ? 'red' : 'dimmed'}>
            {low ? 'Running low: replies stop when the balance reaches zero.' : 'Sending replies, translating and AI suggestions use tokens.'}
          </Text>
          <Text size="xs" c="dimmed">
            Workspace created {fullDateTime(o.createdAt)}
          </Text>
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
