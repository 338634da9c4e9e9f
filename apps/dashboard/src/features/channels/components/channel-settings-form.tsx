import type { Channel } from '@helpstack/contracts';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { languageOptions } from '../../../lib/languages.ts';
import { useUpdateChannel } from '../api/update-channel.ts';
import { CREDENTIAL_FIELDS, credentialsBody, initialCredentialValues, type CredentialValues } from '../utils/credential-fields.ts';
import { CredentialInputs } from './credential-inputs.tsx';

/** Name, languages, automation flags and (write-only) credentials of a channel. */
export function ChannelSettingsForm({ channel, readOnly }: { channel: Channel; readOnly: boolean }) {
  const [name, setName] = useState(channel.name);
  const [language, setLanguage] = useState(channel.defaultLanguage);
  const [autoTranslate, setAutoTranslate] = useState(channel.autoTranslate);
  const [autoApprove, setAutoApprove] = useState(channel.autoApprove);
  const [credentials, setCredentials] = useState<CredentialValues>(() => initialCredentialValues(channel.type, channel.credentials));
  const update = useUpdateChannel();
  const formRef = useRef<HTMLFormElement>(null);
  const fieldNames = ['name', 'defaultLanguage', ...CREDENTIAL_FIELDS[channel.type].map((f) => `credentials.${f.name}`)];
  const errors = getFormErrors(update.error, fieldNames);
  useFocusOnError(formRef, update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const creds = credentialsBody(channel.type, credentials, channel.credentials);
    update.mutate(
      {
        id: channel.id,
        body: {
          name: name.trim(),
          defaultLanguage: language,
          autoTranslate,
          autoApprove,
          ...(CREDENTIAL_FIELDS[channel.type].length ? { credentials: creds } : {}),
        },
      },
      {
        onSuccess: (saved) => {
          // Secrets just sent are now stored: clear them so the "•••• set" placeholder shows.
          setCredentials(initialCredentialValues(saved.type, saved.credentials));
          notifications.show({ color: 'teal', message: 'Channel saved' });
        },
      },
    );
  };

  return (
    <Paper withBorder radius="lg" p="lg" component="form" ref={formRef} onSubmit={submit} noValidate aria-labelledby="channel-settings-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="channel-settings-title">
          Settings
        </Title>
        <FormAlert message={errors.message} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fields.name?.join(' ')} readOnly={readOnly} />
          <Select
            label="Agent language"
            data={languageOptions(language)}
            value={language}
            onChange={(v) => setLanguage(v ?? language)}
            searchable
            allowDeselect={false}
            readOnly={readOnly}
            error={errors.fields.defaultLanguage?.join(' ')}
          />
        </SimpleGrid>
        <Switch
          label="Translate automatically"
          description="Incoming messages are translated to the agent language; replies to the customer's."
          checked={autoTranslate}
          onChange={(e) => setAutoTranslate(e.currentTarget.checked)}
          disabled={readOnly}
        />
        <Switch
          label="Send translated replies without approval"
          description="Off: an agent checks each translated reply before it is sent."
          checked={autoApprove}
          onChange={(e) => setAutoApprove(e.currentTarget.checked)}
          disabled={readOnly}
        />
        {CREDENTIAL_FIELDS[channel.type].length > 0 && !readOnly && (
          <div>
            <Text size="sm" fw={600} mb="xs">
              Credentials
            </Text>
            <CredentialInputs
              type={channel.type}
              values={credentials}
              onChange={(k, v) => setCredentials((c) => ({ ...c, [k]: v }))}
              errors={errors.fields}
              stored={channel.credentials}
            />
          </div>
        )}
        {!readOnly && (
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
