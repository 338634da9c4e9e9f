import type { Channel, ChannelType } from '@helpstack/contracts';
import { Group, Modal, Select, SimpleGrid, Stack, Switch, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { CHANNEL_TYPE_LABELS, ChannelIcon } from '../../../components/ui/channel-icon.tsx';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { FormModalFooter } from '../../../components/ui/form-modal-footer.tsx';
import { CHANNEL_TYPES } from '../../../lib/contract-constants.ts';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { LANGUAGES } from '../../../lib/languages.ts';
import { useCheckConnection } from '../api/check-connection.ts';
import { useCreateChannel } from '../api/create-channel.ts';
import { CREDENTIAL_FIELDS, credentialsBody, initialCredentialValues, type CredentialValues } from '../utils/credential-fields.ts';
import { ConnectionCheck } from './connection-check.tsx';
import { CredentialInputs } from './credential-inputs.tsx';
import { WebhookSetup } from './webhook-setup.tsx';

const DESCRIPTIONS: Record<ChannelType, string> = {
  WEBSITE_CHAT: 'A chat widget on your website',
  EMAIL: 'Support mailbox over SMTP/IMAP',
  FACEBOOK: 'Messages to your Facebook page',
  INSTAGRAM: 'Instagram direct messages',
  WHATSAPP: 'WhatsApp Business messages',
  TELEGRAM: 'Chats with your Telegram bot',
};

export function CreateChannelModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (channel: Channel) => void }) {
  const [type, setType] = useState<ChannelType>('WEBSITE_CHAT');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('en');
  const [autoTranslate, setAutoTranslate] = useState(true);
  const [credentials, setCredentials] = useState<CredentialValues>(() => initialCredentialValues('WEBSITE_CHAT'));
  const create = useCreateChannel();
  const check = useCheckConnection();
  const formRef = useRef<HTMLFormElement>(null);
  const fieldNames = ['type', 'name', 'defaultLanguage', 'autoTranslate', ...CREDENTIAL_FIELDS[type].map((f) => `credentials.${f.name}`)];
  const errors = getFormErrors(create.error ?? check.error, fieldNames);
  useFocusOnError(formRef, create.error ?? check.error);

  const pickType = (next: ChannelType) => {
    setType(next);
    setCredentials(initialCredentialValues(next));
    create.reset();
    check.reset();
  };

  const close = () => {
    create.reset();
    check.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A check's refusals must not linger on the inputs once the form is submitted.
    check.reset();
    create.mutate(
      { type, name: name.trim(), defaultLanguage: language, autoTranslate, credentials: credentialsBody(type, credentials) },
      {
        onSuccess: (channel) => {
          setName('');
          pickType('WEBSITE_CHAT');
          onCreated(channel);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="New channel" size="lg" closeButtonProps={{ 'aria-label': 'Close dialog' }}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert message={errors.message} />
          <div role="radiogroup" aria-label="Channel type">
            <Text size="sm" fw={500} mb={6}>
              Type
            </Text>
            <SimpleGrid cols={3} spacing="xs">
              {CHANNEL_TYPES.map((t) => (
                <UnstyledButton
                  key={t}
                  role="radio"
                  aria-checked={t === type}
                  onClick={() => pickType(t)}
                  className="channel-type-option"
                  data-checked={t === type || undefined}
                >
                  <Group gap={8} wrap="nowrap">
                    <ChannelIcon type={t} size={20} />
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate>
                        {CHANNEL_TYPE_LABELS[t]}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {DESCRIPTIONS[t]}
                      </Text>
                    </div>
                  </Group>
                </UnstyledButton>
              ))}
            </SimpleGrid>
          </div>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label="Name"
              placeholder={type === 'WEBSITE_CHAT' ? 'Website chat' : CHANNEL_TYPE_LABELS[type]}
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={errors.fields.name?.join(' ')}
              data-autofocus
            />
            <Select
              label="Agent language"
              description={undefined}
              data={LANGUAGES}
              value={language}
              onChange={(v) => setLanguage(v ?? 'en')}
              searchable
              allowDeselect={false}
              error={errors.fields.defaultLanguage?.join(' ')}
            />
          </SimpleGrid>
          <Switch
            label="Translate automatically"
            description="Customers' messages are translated to the agent language, and replies back to theirs."
            checked={autoTranslate}
            onChange={(event) => setAutoTranslate(event.currentTarget.checked)}
          />
          {CREDENTIAL_FIELDS[type].length > 0 && (
            <div>
              <Text size="sm" fw={600} mb="xs">
                Credentials
              </Text>
              <CredentialInputs type={type} values={credentials} onChange={(k, v) => setCredentials((c) => ({ ...c, [k]: v }))} errors={errors.fields} />
            </div>
          )}
          {CREDENTIAL_FIELDS[type].length > 0 && (
            <ConnectionCheck check={check} input={() => ({ type, credentials: credentialsBody(type, credentials) })} valuesKey={JSON.stringify([type, credentials])} />
          )}
          <WebhookSetup type={type} />
          <FormModalFooter submitLabel="Create channel" pending={create.isPending} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}
