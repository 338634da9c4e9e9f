import type { ChannelType } from '@helpstack/contracts';
import { Divider, NumberInput, PasswordInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { CREDENTIAL_FIELDS, hasFlag, type CredentialField, type CredentialValues } from '../utils/credential-fields.ts';

type Props = {
  type: ChannelType;
  values: CredentialValues;
  onChange: (name: string, value: string | number | boolean) => void;
  /** API messages keyed `credentials.<field>`. */
  errors: Record<string, string[]>;
  /** The stored summary when editing: secrets show "•••• set" from its `has<Field>` flags. */
  stored?: Record<string, string | number | boolean>;
};

/** The credential inputs of one channel type; secrets are write-only. */
export function CredentialInputs({ type, values, onChange, errors, stored }: Props) {
  const fields = CREDENTIAL_FIELDS[type];
  if (fields.length === 0) return null;
  const basic = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  const render = (field: CredentialField) => {
    const error = errors[`credentials.${field.name}`]?.join(' ');
    const value = values[field.name];
    switch (field.kind) {
      case 'switch':
        return (
          <Switch
            key={field.name}
            label={field.label}
            description={field.description}
            checked={Boolean(value)}
            onChange={(event) => onChange(field.name, event.currentTarget.checked)}
            error={error}
            mt={4}
          />
        );
      case 'number':
        return (
          <NumberInput
            key={field.name}
            label={field.label}
            description={field.description}
            placeholder={field.placeholder}
            required={field.required}
            value={value === undefined ? '' : (value as number | string)}
            onChange={(v) => onChange(field.name, v)}
            min={1}
            max={65535}
            allowDecimal={false}
            hideControls
            error={error}
          />
        );
      case 'secret': {
        const isSet = stored?.[hasFlag(field.name)] === true;
        return (
          <PasswordInput
            key={field.name}
            label={field.label}
            description={isSet ? 'Stored encrypted. Leave blank to keep the current value.' : field.description}
            placeholder={isSet ? '•••• set' : field.placeholder}
            required={field.required && !isSet}
            value={String(value ?? '')}
            onChange={(event) => onChange(field.name, event.currentTarget.value)}
            autoComplete="new-password"
            error={error}
          />
        );
      }
      default:
        return (
          <TextInput
            key={field.name}
            label={field.label}
            description={field.description}
            placeholder={field.placeholder}
            required={field.required}
            type={field.kind === 'email' ? 'email' : 'text'}
            value={String(value ?? '')}
            onChange={(event) => onChange(field.name, event.currentTarget.value)}
            autoComplete="off"
            error={error}
          />
        );
    }
  };
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
        {basic.map(render)}
      </SimpleGrid>
      {advanced.length > 0 && (
        <>
          <Divider
            label={
              <Text size="xs" c="dimmed">
                Optional
              </Text>
            }
            labelPosition="left"
            mt="xs"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            {advanced.map(render)}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
