import { aiProviderTypes, aiProviderTypesNeedingKey, type AiProvider, type AiProviderType } from '@helpstack/contracts';
import { Checkbox, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { FormModalFooter } from '../../../components/ui/form-modal-footer.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useCreateAiProvider } from '../api/create-ai-provider.ts';
import { useUpdateAiProvider } from '../api/update-ai-provider.ts';

const fieldNames = ['name', 'type', 'model', 'apiKey', 'baseUrl', 'isDefault'] as const;

export const TYPE_LABELS: Record<AiProviderType, string> = {
  OPENAI: 'OpenAI',
  ANTHROPIC: 'Anthropic',
  GOOGLE: 'Google Gemini',
  OPENAI_COMPATIBLE: 'OpenAI-compatible (Ollama, vLLM, LM Studio, OpenRouter…)',
};

const BASE_URL_HINT: Record<AiProviderType, string> = {
  OPENAI: 'Optional: a proxy in front of https://api.openai.com/v1',
  ANTHROPIC: 'Optional: a proxy in front of https://api.anthropic.com',
  GOOGLE: 'Optional: a proxy in front of the Gemini API',
  OPENAI_COMPATIBLE: 'Required, e.g. http://127.0.0.1:11434/v1 for Ollama (local addresses need OUTBOUND_ALLOW on the server)',
};

type Props = { opened: boolean; onClose: () => void; provider?: AiProvider | null };

/** Add or edit a provider. The key is write-only: editing leaves it blank, and blank keeps the stored one. */
export function AiProviderFormModal({ opened, onClose, provider }: Props) {
  const [name, setName] = useState('');
  const [type, setType] = useState<AiProviderType>('OPENAI');
  const [model, setModel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const create = useCreateAiProvider();
  const update = useUpdateAiProvider();
  const mutation = provider ? update : create;
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(mutation.error, fieldNames);
  useFocusOnError(formRef, mutation.error);

  useEffect(() => {
    if (!opened) return;
    setName(provider?.name ?? '');
    setType(provider?.type ?? 'OPENAI');
    setModel(provider?.model ?? '');
    setApiKey('');
    setBaseUrl(provider?.baseUrl ?? '');
    setIsDefault(provider?.isDefault ?? false);
    create.reset();
    update.reset();
  }, [opened, provider]);

  const keyRequired = aiProviderTypesNeedingKey.includes(type) && !provider?.hasApiKey;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = () => {
      notifications.show({ color: 'teal', message: provider ? 'Provider saved' : 'Provider added' });
      onClose();
    };
    const base = baseUrl.trim() || null;
    if (provider) {
      update.mutate(
        {
          id: provider.id,
          body: {
            name: name.trim(),
            type,
            model: model.trim(),
            baseUrl: base,
            ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
            ...(isDefault !== provider.isDefault ? { isDefault } : {}),
          },
        },
        { onSuccess: done },
      );
    } else {
      create.mutate(
        { name: name.trim(), type, model: model.trim(), ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}), ...(base ? { baseUrl: base } : {}), isDefault },
        { onSuccess: done },
      );
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={provider ? 'Edit AI provider' : 'Add an AI provider'} size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert message={errors.message} />
          <TextInput label="Name" required maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fields.name?.join(' ')} data-autofocus />
          <Select
            label="Type"
            data={aiProviderTypes.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
            value={type}
            onChange={(v) => v && setType(v as AiProviderType)}
            allowDeselect={false}
            error={errors.fields.type?.join(' ')}
          />
          <TextInput label="Model" required maxLength={200} placeholder="gpt-4o-mini, claude-sonnet-4-5, llama3.2…" value={model} onChange={(e) => setModel(e.currentTarget.value)} error={errors.fields.model?.join(' ')} />
          <PasswordInput
            label="API key"
            required={keyRequired}
            description={provider?.hasApiKey ? 'A key is stored. Leave blank to keep it.' : 'Stored encrypted; it is never shown again.'}
            autoComplete="off"
            value={apiKey}
            onChange={(e) => setApiKey(e.currentTarget.value)}
            error={errors.fields.apiKey?.join(' ')}
          />
          <TextInput
            label="Base URL"
            required={type === 'OPENAI_COMPATIBLE'}
            description={BASE_URL_HINT[type]}
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.currentTarget.value)}
            error={errors.fields.baseUrl?.join(' ')}
          />
          <Checkbox
            label="Use as the organization's default"
            description="Channels without a provider of their own use the default."
            checked={isDefault}
            onChange={(e) => setIsDefault(e.currentTarget.checked)}
          />
          <FormModalFooter submitLabel={provider ? 'Save' : 'Add provider'} pending={mutation.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
