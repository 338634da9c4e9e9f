/**
 * The contract's channel constants without zod, for bundles that must stay small (the dashboard):
 * importing `@helpstack/contracts` builds every schema at load. channels.ts builds its schemas from
 * these lists, and a test checks that each type's fields here are exactly its credential schema's.
 */

export const channelTypes = ['EMAIL', 'FACEBOOK', 'INSTAGRAM', 'WHATSAPP', 'TELEGRAM', 'WEBSITE_CHAT'] as const;
export type ChannelType = (typeof channelTypes)[number];

/** Fields that never leave the server; responses show `has<Field>` instead. */
export const secretCredentialFields = ['password', 'accessToken', 'appSecret', 'verifyToken', 'botToken', 'secretToken'] as const;
export type SecretCredentialField = (typeof secretCredentialFields)[number];
export const hasFlagOf = (field: string) => `has${field[0]!.toUpperCase()}${field.slice(1)}`;

/** One credential field as a form shows it. `kind: 'secret'` fields are write-only (secretCredentialFields). */
export interface CredentialFieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'email' | 'secret' | 'switch';
  required?: boolean;
  placeholder?: string;
  description?: string;
  /** Shown under an "Advanced" heading (IMAP, optional secrets). */
  advanced?: boolean;
  defaultValue?: string | number | boolean;
}

/** The credential fields of each channel type, in form order (the shapes of credentialSchemas). */
export const credentialFields: Record<ChannelType, readonly CredentialFieldSpec[]> = {
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

/** The names of a type's write-only fields. */
export const secretFieldsOf = (type: ChannelType) => credentialFields[type].filter((f) => f.kind === 'secret').map((f) => f.name);

export { expandSavedReply, SAVED_REPLY_VARIABLES, type SavedReplyValues, type SavedReplyVariable } from './saved-reply-variables.ts';

/** Tag colours (CONTRACT §12): the dashboard's palette (Mantine colour names); a tag may also use any `#rrggbb`. */
export const tagPalette = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'] as const;
