import { notificationEvents, notificationIntegrationTypes, type NotificationEvent, type NotificationIntegration, type NotificationIntegrationType } from '@helpstack/contracts';
import { Alert, Button, Checkbox, Group, Modal, PasswordInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CopyField } from '../../../components/ui/copy-field.tsx';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { FormModalFooter } from '../../../components/ui/form-modal-footer.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useCreateNotificationIntegration, useUpdateNotificationIntegration, type CreatedNotificationIntegration } from '../api/integrations.ts';
import { INTEGRATION_TYPE_LABELS } from './integrations-table.tsx';
import { EVENT_LABELS } from './preferences-grid.tsx';

const fieldNames = ['type', 'name', 'url', 'address', 'events', 'enabled'] as const;

const URL_HINTS: Record<Exclude<NotificationIntegrationType, 'EMAIL'>, { placeholder: string; description: string }> = {
  SLACK: { placeholder: 'https://hooks.slack.com/services/…', description: 'A Slack incoming-webhook URL.' },
  DISCORD: { placeholder: 'https://discord.com/api/webhooks/…', description: 'A Discord channel webhook URL.' },
  WEBHOOK: { placeholder: 'https://example.com/helpstack-events', description: 'We POST signed JSON (Standard Webhooks) to this URL.' },
};

type Props = { opened: boolean; onClose: () => void; integration?: NotificationIntegration | null };

/**
 * Add or edit an integration. The URL is write-only: editing shows it as stored, and a blank URL keeps it.
 * A new WEBHOOK integration's signing secret is shown here once, after creating it.
 */
export function IntegrationFormModal({ opened, onClose, integration }: Props) {
  const [type, setType] = useState<NotificationIntegrationType>('SLACK');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [address, setAddress] = useState('');
  const [events, setEvents] = useState<NotificationEvent[]>(['conversation.created']);
  const [enabled, setEnabled] = useState(true);
  const [created, setCreated] = useState<CreatedNotificationIntegration | null>(null);
  const create = useCreateNotificationIntegration();
  const update = useUpdateNotificationIntegration();
  const mutation = integration ? update : create;
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(mutation.error, fieldNames);
  useFocusOnError(formRef, mutation.error);

  useEffect(() => {
    if (!opened) return;
    setType(integration?.type ?? 'SLACK');
    setName(integration?.name ?? '');
    setUrl('');
    setAddress(integration?.address ?? '');
    setEvents(integration?.events ?? ['conversation.created']);
    setEnabled(integration?.enabled ?? true);
    setCreated(null);
    create.reset();
    update.reset();
  }, [opened, integration]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = { name: name.trim(), events, enabled };
    if (integration) {
      const target = integration.type === 'EMAIL' ? { address: address.trim() } : url.trim() ? { url: url.trim() } : {};
      update.mutate(
        { id: integration.id, body: { ...common, ...target } },
        {
          onSuccess: () => {
            toasts.show({ color: 'teal', message: 'Integration saved' });
            onClose();
          },
        },
      );
      return;
    }
    const body = type === 'EMAIL' ? { type, ...common, address: address.trim() } : { type, ...common, url: url.trim() };
    create.mutate(body, {
      onSuccess: (result) => {
        toasts.show({ color: 'teal', message: 'Integration added' });
        // The secret is never shown again: keep the modal open on it until the admin has copied it.
        if (result.secret) setCreated(result);
        else onClose();
      },
    });
  };

  if (created?.secret) {
    return (
      <Modal opened={opened} onClose={onClose} title="Signing secret" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Alert color="yellow" title="Copy it now">
            This is the only time the secret of “{created.name}” is shown. Use it to verify the <code>webhook-signature</code> header of each request
            (Standard Webhooks).
          </Alert>
          <CopyField value={created.secret} label="Signing secret" />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  const effectiveType = integration?.type ?? type;
  return (
    <Modal opened={opened} onClose={onClose} title={integration ? 'Edit integration' : 'Add an integration'} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert message={errors.message} />
          {!integration && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Type
              </Text>
              <SegmentedControl
                aria-label="Type"
                value={type}
                onChange={(v) => setType(v as NotificationIntegrationType)}
                data={notificationIntegrationTypes.map((t) => ({ value: t, label: INTEGRATION_TYPE_LABELS[t] }))}
              />
            </Stack>
          )}
          <TextInput label="Name" required maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fields.name?.join(' ')} data-autofocus />
          {effectiveType === 'EMAIL' ? (
            <TextInput
              label="E-mail address"
              type="email"
              required
              placeholder="support-team@example.com"
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              error={errors.fields.address?.join(' ')}
            />
          ) : (
            <PasswordInput
              label="URL"
              required={!integration}
              autoComplete="off"
              description={`${URL_HINTS[effectiveType].description}${integration?.hasUrl ? ' Stored and hidden — leave blank to keep it.' : ''}`}
              placeholder={integration?.hasUrl ? 'Stored — leave blank to keep' : URL_HINTS[effectiveType].placeholder}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={errors.fields.url?.join(' ')}
            />
          )}
          <Checkbox.Group label="Events" required value={events} onChange={(v) => setEvents(v as NotificationEvent[])} error={errors.fields.events?.join(' ')}>
            <Stack gap={6} mt={6}>
              {notificationEvents.map((e) => (
                <Checkbox key={e} value={e} label={EVENT_LABELS[e].label} description={EVENT_LABELS[e].hint} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Switch label="Enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
          <FormModalFooter submitLabel={integration ? 'Save' : 'Add integration'} pending={mutation.isPending} disabled={events.length === 0} mt="sm" onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
