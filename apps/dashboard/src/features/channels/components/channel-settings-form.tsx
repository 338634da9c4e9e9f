import type { Channel } from '@helpstack/contracts';
import { Button, Divider, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { languageOptions } from '../../../lib/languages.ts';
import { useCheckConnection } from '../api/check-connection.ts';
import { useUpdateChannel } from '../api/update-channel.ts';
import { CREDENTIAL_FIELDS, credentialEdits, credentialsBody, initialCredentialValues, type CredentialValues } from '../utils/credential-fields.ts';
import { ConnectionCheck } from './connection-check.tsx';
import { CredentialInputs } from './credential-inputs.tsx';

const ORG_DEFAULT = '__org_default__';
const SAME_AS_CHANNEL = '__channel_language__';
const TONES = ['friendly', 'formal', 'concise', 'empathetic'] as const;

type Props = {
  channel: Channel;
  readOnly: boolean;
  /** The organization's AI providers (Settings → AI providers), composed in by the route. */
  aiProviders: { value: string; label: string }[];
};

const toneOf = (template: Channel['responseTemplate']) => (typeof template.tone === 'string' ? template.tone : null);

/** Name, languages, AI automation and (write-only) credentials of a channel. */
export function ChannelSettingsForm({ channel, readOnly, aiProviders }: Props) {
  const [name, setName] = useState(channel.name);
  const [language, setLanguage] = useState(channel.defaultLanguage);
  const [autoTranslate, setAutoTranslate] = useState(channel.autoTranslate);
  const [autoApprove, setAutoApprove] = useState(channel.autoApprove);
  const [aiProviderId, setAiProviderId] = useState(channel.aiProviderId);
  const [translateTo, setTranslateTo] = useState(channel.translateToLanguage);
  const [fallback, setFallback] = useState(channel.fallbackLanguage);
  const [autoReply, setAutoReply] = useState(channel.autoReply);
  const [autoEnhance, setAutoEnhance] = useState(channel.autoEnhance);
  const [tone, setTone] = useState(toneOf(channel.responseTemplate));
  const [credentials, setCredentials] = useState<CredentialValues>(() => initialCredentialValues(channel.type, channel.credentials));
  const update = useUpdateChannel();
  const check = useCheckConnection();
  const formRef = useRef<HTMLFormElement>(null);
  const fieldNames = ['name', 'defaultLanguage', 'aiProviderId', 'translateToLanguage', 'fallbackLanguage', 'responseTemplate', ...CREDENTIAL_FIELDS[channel.type].map((f) => `credentials.${f.name}`)];
  const errors = getFormErrors(update.error ?? check.error, fieldNames);
  useFocusOnError(formRef, update.error ?? check.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A check's refusals must not linger on the inputs once the form is submitted.
    check.reset();
    const creds = credentialsBody(channel.type, credentials, channel.credentials);
    update.mutate(
      {
        id: channel.id,
        body: {
          name: name.trim(),
          defaultLanguage: language,
          autoTranslate,
          autoApprove,
          aiProviderId,
          translateToLanguage: translateTo,
          fallbackLanguage: fallback,
          autoReply,
          autoEnhance,
          // Other keys of the template (a signature, …) are kept; only the tone is edited here.
          responseTemplate: (({ tone: _old, ...rest }) => (tone ? { ...rest, tone } : rest))(channel.responseTemplate),
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
            label="Channel language"
            data={languageOptions(language)}
            value={language}
            onChange={(v) => setLanguage(v ?? language)}
            searchable
            allowDeselect={false}
            readOnly={readOnly}
            error={errors.fields.defaultLanguage?.join(' ')}
          />
        </SimpleGrid>
        <Divider label="AI" labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="AI provider"
            data={[{ value: ORG_DEFAULT, label: 'Organization default' }, ...aiProviders]}
            value={aiProviderId ?? ORG_DEFAULT}
            onChange={(v) => setAiProviderId(!v || v === ORG_DEFAULT ? null : v)}
            allowDeselect={false}
            readOnly={readOnly}
            error={errors.fields.aiProviderId?.join(' ')}
          />
          <Select
            label="Response tone"
            description="Used for suggestions, auto-replies and enhanced drafts."
            placeholder="No particular tone"
            data={[...new Set([...TONES, ...(tone ? [tone] : [])])].map((t) => ({ value: t, label: t[0]!.toUpperCase() + t.slice(1) }))}
            value={tone}
            onChange={setTone}
            clearable
            readOnly={readOnly}
            error={errors.fields.responseTemplate?.join(' ')}
          />
          <Select
            label="Agent language"
            description="Incoming messages are translated into it."
            data={[{ value: SAME_AS_CHANNEL, label: 'Same as the channel language' }, ...languageOptions(translateTo ?? language)]}
            value={translateTo ?? SAME_AS_CHANNEL}
            onChange={(v) => setTranslateTo(!v || v === SAME_AS_CHANNEL ? null : v)}
            searchable
            allowDeselect={false}
            readOnly={readOnly}
            error={errors.fields.translateToLanguage?.join(' ')}
          />
          <Select
            label="Fallback language"
            description="Used for replies when the customer's language is unknown."
            placeholder="None"
            data={languageOptions(fallback ?? language)}
            value={fallback}
            onChange={setFallback}
            searchable
            clearable
            readOnly={readOnly}
            error={errors.fields.fallbackLanguage?.join(' ')}
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
          description="Off: an agent checks each translated or AI-written reply before it is sent."
          checked={autoApprove}
          onChange={(e) => setAutoApprove(e.currentTarget.checked)}
          disabled={readOnly}
        />
        <Switch
          label="Reply automatically with AI"
          description="When no agent has replied in the last 10 minutes, the AI answers (or hands over to a human)."
          checked={autoReply}
          onChange={(e) => setAutoReply(e.currentTarget.checked)}
          disabled={readOnly}
        />
        <Switch
          label="Enhance agent replies"
          description="The AI fixes spelling and clarity and applies the tone before a reply is sent."
          checked={autoEnhance}
          onChange={(e) => setAutoEnhance(e.currentTarget.checked)}
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
        {CREDENTIAL_FIELDS[channel.type].length > 0 && !readOnly && (
          <ConnectionCheck
            check={check}
            input={() => ({ channelId: channel.id, credentials: credentialEdits(channel.type, credentials, channel.credentials) })}
            valuesKey={JSON.stringify(credentials)}
          />
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
