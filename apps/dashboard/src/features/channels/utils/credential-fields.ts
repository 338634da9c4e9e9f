import { credentialFields, hasFlagOf, type ChannelType, type CredentialFieldSpec } from '@helpstack/contracts/constants';

/**
 * The credential form of each channel type: the contract's per-type fields (zod-free constants, so the
 * schemas stay out of the bundle). Secret fields are write-only: the API answers `has<Field>` flags instead.
 */
export type CredentialField = CredentialFieldSpec;

export const CREDENTIAL_FIELDS: Record<ChannelType, readonly CredentialField[]> = credentialFields;

export type CredentialValues = Record<string, string | number | boolean | undefined>;

export const hasFlag = hasFlagOf;

/** Initial form values: defaults for a new channel, or the stored non-secret values (secrets blank). */
export function initialCredentialValues(type: ChannelType, stored?: Record<string, string | number | boolean>): CredentialValues {
  const values: CredentialValues = {};
  for (const field of CREDENTIAL_FIELDS[type]) {
    if (field.kind === 'secret') values[field.name] = '';
    else if (stored && stored[field.name] !== undefined) values[field.name] = stored[field.name];
    else values[field.name] = field.defaultValue ?? (field.kind === 'switch' ? false : '');
  }
  return values;
}

/**
 * The `credentials` body. Create: every filled field. Update (`stored` given): blank secrets are left
 * out (kept as they are), cleared optional fields are sent as null (removed).
 */
export function credentialsBody(type: ChannelType, values: CredentialValues, stored?: Record<string, string | number | boolean>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of CREDENTIAL_FIELDS[type]) {
    const value = values[field.name];
    const blank = value === undefined || value === '';
    if (field.kind === 'secret') {
      if (!blank) body[field.name] = String(value).trim();
      continue;
    }
    if (field.kind === 'switch') {
      if (value !== undefined) body[field.name] = Boolean(value);
      continue;
    }
    if (blank) {
      if (stored && stored[field.name] !== undefined && !field.required) body[field.name] = null;
      continue;
    }
    body[field.name] = field.kind === 'number' ? Number(value) : String(value).trim();
  }
  return body;
}

/**
 * The edits a stored channel's form holds over what is stored, as a PATCH `credentials` body; undefined when
 * there are none (no secret typed, every other field as stored), so "Check connection" checks the stored ones.
 */
export function credentialEdits(type: ChannelType, values: CredentialValues, stored: Record<string, string | number | boolean>) {
  const body = credentialsBody(type, values, stored);
  const changed = Object.entries(body).some(([name, value]) => {
    const field = CREDENTIAL_FIELDS[type].find((f) => f.name === name);
    return field?.kind === 'secret' || value !== (stored[name] ?? (field?.kind === 'switch' ? (field.defaultValue ?? false) : undefined));
  });
  return changed ? body : undefined;
}
