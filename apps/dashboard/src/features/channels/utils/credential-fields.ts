import type { ChannelType } from '@helpstack/contracts';

/**
 * The credential form of each channel type (the API's per-type shapes, CONTRACT / channels.ts). Secret
 * fields are write-only: the API answers `has<Field>` flags instead of values.
 */
export type CredentialField = {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'email' | 'secret' | 'switch';
  required?: boolean;
  placeholder?: string;
  description?: string;
  /** Shown under an "Advanced" heading (IMAP, optional secrets). */
  advanced?: boolean;
  defaultValue?: string | number | boolean;
};

export const CREDENTIAL_FIELDS: Record<ChannelType, CredentialField[]> = {
  WEBSITE_CHAT: [],
  EMAIL: [
    { name: 'host', label: 'SMTP host', kind: 'text', required: true, placeholder: 'smtp.example.com' },
    { name: 'port', label: 'SMTP port', kind: 'number', required: true, defaultValue: 587 },
    { name: 'username', label: 'Username', kind: 'text', required: true, placeholder: 'support@example.com' },
    { name: 'password', label: 'Password', kind: 'secret', required: true },
    { name: 'from', label: 'From address', kind: 'email', required: true, description: 'Replies are sent from this address.' },
    { name: 'secure', label: 'Use TLS for SMTP', kind: 'switch', defaultValue: false, description: 'On for port 465; STARTTLS on 587 works with this off.' },
    { name: 'imapHost', label: 'IMAP host', kind: 'text', advanced: true, placeholder: 'imap.example.com', description: 'Where incoming email is read from.' },
    { name: 'imapPort', label: 'IMAP port', kind: 'number', advanced: true, placeholder: '993' },
    { name: 'imapSecure', label: 'Use TLS for IMAP', kind: 'switch', advanced: true, defaultValue: true },
    { name: 'imapAllowSelfSigned', label: 'Allow self-signed IMAP certificates', kind: 'switch', advanced: true, defaultValue: false },
  ],
  FACEBOOK: [
    { name: 'pageId', label: 'Page ID', kind: 'text', required: true, placeholder: '1234567890', description: 'The numeric id Meta shows for your page.' },
    { name: 'accessToken', label: 'Page access token', kind: 'secret', required: true },
    { name: 'appSecret', label: 'App secret', kind: 'secret', advanced: true, description: 'Verifies that webhooks come from Meta.' },
    { name: 'verifyToken', label: 'Webhook verify token', kind: 'secret', advanced: true },
  ],
  INSTAGRAM: [
    { name: 'accountId', label: 'Instagram account ID', kind: 'text', required: true, placeholder: '17841400000000000' },
    { name: 'accessToken', label: 'Access token', kind: 'secret', required: true },
    { name: 'appSecret', label: 'App secret', kind: 'secret', advanced: true },
    { name: 'verifyToken', label: 'Webhook verify token', kind: 'secret', advanced: true },
  ],
  WHATSAPP: [
    { name: 'phoneNumberId', label: 'Phone number ID', kind: 'text', required: true, placeholder: '1098765432', description: 'From WhatsApp Manager → API setup.' },
    { name: 'accessToken', label: 'Access token', kind: 'secret', required: true },
    { name: 'appSecret', label: 'App secret', kind: 'secret', advanced: true },
    { name: 'verifyToken', label: 'Webhook verify token', kind: 'secret', advanced: true },
  ],
  TELEGRAM: [
    { name: 'botToken', label: 'Bot token', kind: 'secret', required: true, placeholder: '123456:ABC-DEF…', description: 'The token @BotFather gave you.' },
    { name: 'secretToken', label: 'Webhook secret token', kind: 'secret', advanced: true, description: 'Letters, digits, _ and - only.' },
  ],
};

export type CredentialValues = Record<string, string | number | boolean | undefined>;

export const hasFlag = (field: string) => `has${field[0]!.toUpperCase()}${field.slice(1)}`;

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
