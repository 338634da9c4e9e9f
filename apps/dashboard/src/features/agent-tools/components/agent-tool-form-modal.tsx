import {
  agentToolAuthTypes,
  agentToolMethods,
  AGENT_TOOL_TIMEOUT_DEFAULT_MS,
  AGENT_TOOL_TIMEOUT_MAX_MS,
  type AgentTool,
  type CreateAgentToolBody,
} from '@helpstack/contracts';
import { ActionIcon, Button, Group, JsonInput, Modal, NumberInput, PasswordInput, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { FormModalFooter } from '../../../components/ui/form-modal-footer.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useCreateAgentTool, useUpdateAgentTool } from '../api/save-agent-tool.ts';
import { EMPTY_PARAMETERS, parseParameters } from './parameters-schema.ts';

const fieldNames = ['name', 'description', 'channelId', 'method', 'url', 'parameters', 'headers', 'auth', 'auth.secret', 'auth.headerName', 'timeoutMs'] as const;

type Method = AgentTool['method'];
type AuthType = AgentTool['auth']['type'];
type HeaderRow = { name: string; value: string; stored: boolean };

const AUTH_LABELS: Record<AuthType, string> = { NONE: 'None', BEARER: 'Bearer token', BASIC: 'Basic (user:pass)', HEADER: 'API key header' };

type Props = { opened: boolean; onClose: () => void; tool?: AgentTool | null; channels: { id: string; name: string }[] };

/**
 * Add or edit a tool. Header values and the auth secret are write-only: editing shows them as stored,
 * and a blank value keeps what is stored.
 */
export function AgentToolFormModal({ opened, onClose, tool, channels }: Props) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [channelId, setChannelId] = useState<string>('');
  const [method, setMethod] = useState<Method>('GET');
  const [url, setUrl] = useState('');
  const [parameters, setParameters] = useState(EMPTY_PARAMETERS);
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [authType, setAuthType] = useState<AuthType>('NONE');
  const [authHeaderName, setAuthHeaderName] = useState('');
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [timeoutMs, setTimeoutMs] = useState<number>(AGENT_TOOL_TIMEOUT_DEFAULT_MS);
  const create = useCreateAgentTool();
  const update = useUpdateAgentTool();
  const mutation = tool ? update : create;
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(mutation.error, fieldNames);
  useFocusOnError(formRef, mutation.error);
  const parsed = useMemo(() => parseParameters(parameters), [parameters]);

  useEffect(() => {
    if (!opened) return;
    setName(tool?.name ?? '');
    setDescription(tool?.description ?? '');
    setChannelId(tool?.channelId ?? '');
    setMethod(tool?.method ?? 'GET');
    setUrl(tool?.url ?? '');
    setParameters(tool ? JSON.stringify(tool.parameters, null, 2) : EMPTY_PARAMETERS);
    setHeaders(tool?.headers.map((h) => ({ name: h.name, value: '', stored: h.hasValue })) ?? []);
    setAuthType(tool?.auth.type ?? 'NONE');
    setAuthHeaderName(tool?.auth.headerName ?? '');
    setSecret('');
    setEnabled(tool?.enabled ?? true);
    setTimeoutMs(tool?.timeoutMs ?? AGENT_TOOL_TIMEOUT_DEFAULT_MS);
    create.reset();
    update.reset();
  }, [opened, tool]);

  const secretStored = Boolean(tool?.hasSecret) && tool?.auth.type === authType;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ('error' in parsed) return;
    const done = () => {
      notifications.show({ color: 'teal', message: tool ? 'Tool saved' : 'Tool added' });
      onClose();
    };
    const auth = {
      type: authType,
      ...(authType === 'HEADER' ? { headerName: authHeaderName.trim() } : {}),
      ...(authType !== 'NONE' && secret ? { secret } : {}),
    };
    const common = {
      name: name.trim(),
      description: description.trim(),
      channelId: channelId || null,
      method,
      url: url.trim(),
      parameters: parsed.value,
      auth,
      enabled,
      timeoutMs,
    };
    if (tool) {
      const headerBody = headers.filter((h) => h.name.trim()).map((h) => (h.value || !h.stored ? { name: h.name.trim(), value: h.value } : { name: h.name.trim() }));
      update.mutate({ id: tool.id, body: { ...common, headers: headerBody } }, { onSuccess: done });
    } else {
      const body: CreateAgentToolBody = { ...common, headers: headers.filter((h) => h.name.trim()).map((h) => ({ name: h.name.trim(), value: h.value })) };
      create.mutate(body, { onSuccess: done });
    }
  };

  const setHeader = (i: number, patch: Partial<HeaderRow>) => setHeaders((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Modal opened={opened} onClose={onClose} title={tool ? 'Edit agent tool' : 'Add an agent tool'} size="xl">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert message={errors.message} />
          <TextInput
            label="Name"
            description="The function name the AI sees: lowercase letters, digits and _, e.g. lookup_order"
            required
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.fields.name?.join(' ')}
            data-autofocus
          />
          <Textarea label="Description" description="Tell the AI when to use it." required autosize minRows={2} maxLength={1024} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.fields.description?.join(' ')} />
          <Select
            label="Scope"
            data={[{ value: '', label: 'Every channel (organization)' }, ...channels.map((c) => ({ value: c.id, label: `Only ${c.name}` }))]}
            value={channelId}
            onChange={(v) => setChannelId(v ?? '')}
            allowDeselect={false}
            error={errors.fields.channelId?.join(' ')}
          />
          <Group grow align="flex-start">
            <Select label="Method" data={[...agentToolMethods]} value={method} onChange={(v) => v && setMethod(v as Method)} allowDeselect={false} error={errors.fields.method?.join(' ')} style={{ flex: '0 0 120px' }} />
            <TextInput
              label="URL"
              required
              description="https only; {param} placeholders are filled from the arguments. Other arguments go in the query (GET/DELETE) or a JSON body."
              placeholder="https://shop.example.com/api/orders/{orderId}"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={errors.fields.url?.join(' ')}
            />
          </Group>
          <JsonInput
            label="Parameters (JSON Schema)"
            description="What the AI must pass: an object schema with properties and required."
            autosize
            minRows={6}
            maxRows={18}
            formatOnBlur
            value={parameters}
            onChange={setParameters}
            error={('error' in parsed ? parsed.error : undefined) ?? errors.fields.parameters?.join(' ')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Headers
            </Text>
            <Text size="xs" c="dimmed">
              Values are stored encrypted and never shown again.
            </Text>
            {headers.map((h, i) => (
              <Group key={i} gap="xs" wrap="nowrap">
                <TextInput aria-label="Header name" placeholder="X-Shop-Id" value={h.name} onChange={(e) => setHeader(i, { name: e.currentTarget.value })} style={{ flex: 1 }} />
                <PasswordInput
                  aria-label="Header value"
                  placeholder={h.stored ? 'Stored — leave blank to keep' : 'Value'}
                  autoComplete="off"
                  value={h.value}
                  onChange={(e) => setHeader(i, { value: e.currentTarget.value })}
                  style={{ flex: 1 }}
                />
                <ActionIcon variant="subtle" color="red" aria-label={`Remove header ${h.name}`} onClick={() => setHeaders((rows) => rows.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            {errors.fields.headers && (
              <Text size="xs" c="red">
                {errors.fields.headers.join(' ')}
              </Text>
            )}
            <Group>
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setHeaders((rows) => [...rows, { name: '', value: '', stored: false }])}>
                Add header
              </Button>
            </Group>
          </Stack>
          <Group grow align="flex-start">
            <Select
              label="Authentication"
              data={agentToolAuthTypes.map((t) => ({ value: t, label: AUTH_LABELS[t] }))}
              value={authType}
              onChange={(v) => v && setAuthType(v as AuthType)}
              allowDeselect={false}
              error={errors.fields.auth?.join(' ')}
            />
            {authType === 'HEADER' && (
              <TextInput label="Header name" required placeholder="X-Api-Key" value={authHeaderName} onChange={(e) => setAuthHeaderName(e.currentTarget.value)} error={errors.fields['auth.headerName']?.join(' ')} />
            )}
          </Group>
          {authType !== 'NONE' && (
            <PasswordInput
              label={authType === 'BASIC' ? 'user:pass' : authType === 'BEARER' ? 'Token' : 'Header value'}
              required={!secretStored}
              description={secretStored ? 'A secret is stored. Leave blank to keep it.' : 'Stored encrypted; it is never shown again.'}
              autoComplete="off"
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              error={errors.fields['auth.secret']?.join(' ')}
            />
          )}
          <Group grow align="flex-end">
            <NumberInput
              label="Timeout (ms)"
              min={100}
              max={AGENT_TOOL_TIMEOUT_MAX_MS}
              step={1000}
              value={timeoutMs}
              onChange={(v) => setTimeoutMs(typeof v === 'number' ? v : AGENT_TOOL_TIMEOUT_DEFAULT_MS)}
              error={errors.fields.timeoutMs?.join(' ')}
            />
            <Switch label="Enabled (offered to the AI)" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} mb={8} />
          </Group>
          <FormModalFooter submitLabel={tool ? 'Save' : 'Add tool'} pending={mutation.isPending} disabled={'error' in parsed} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
