import { z } from 'zod';
import { channelTypes, type ChannelType } from './constants.ts';

export {
  channelTypes,
  credentialFields,
  hasFlagOf,
  secretCredentialFields,
  secretFieldsOf,
  type ChannelType,
  type CredentialFieldSpec,
  type SecretCredentialField,
} from './constants.ts';

const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'Required' : `Must be ${what}`);

export const channelTypeSchema = z.enum(channelTypes, { error: required(`one of ${channelTypes.join(', ')}`) });
const text = (max: number) => z.string({ error: required('a string') }).trim().min(1, 'Required').max(max, `At most ${max} characters`);
/** A token pasted from a provider's console: no whitespace inside, so a stray copy-paste newline is caught here. */
const token = (max: number) => text(max).regex(/^\S+$/, 'Must not contain spaces');
const flag = z.boolean({ error: required('true or false') });
const port = z.number({ error: required('a number') }).int('Must be a whole number').min(1, 'Must be 1–65535').max(65535, 'Must be 1–65535');
const host = text(253).regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/, 'Must be a host name or IP address');
/** Meta object ids (page, Instagram account, WhatsApp phone number) are numeric strings. */
/** A page, Instagram account or phone number id: what a channel can own, so also what a webhook entry may name. */
export const metaIdSchema = text(64).regex(/^\d+$/, 'Must be the numeric id Meta shows for it');

/**
 * Credentials per channel type (the reference: "validated separately"). Unknown keys are refused so a
 * misspelt field never silently leaves a required one unset.
 */
export const credentialSchemas = {
  EMAIL: z.strictObject({
    host,
    port,
    username: text(255),
    password: z.string({ error: required('a string') }).min(1, 'Required').max(1024, 'At most 1024 characters'),
    from: z.email('Must be a valid email address').max(254),
    secure: flag.optional(),
    imapHost: host.optional(),
    imapPort: port.optional(),
    imapSecure: flag.optional(),
    imapAllowSelfSigned: flag.optional(),
  }),
  FACEBOOK: z.strictObject({ pageId: metaIdSchema, accessToken: token(4096), appSecret: token(256).optional(), verifyToken: token(256).optional() }),
  INSTAGRAM: z.strictObject({ accountId: metaIdSchema, accessToken: token(4096), appSecret: token(256).optional(), verifyToken: token(256).optional() }),
  WHATSAPP: z.strictObject({ phoneNumberId: metaIdSchema, accessToken: token(4096), appSecret: token(256).optional(), verifyToken: token(256).optional() }),
  TELEGRAM: z.strictObject({
    botToken: text(256).regex(/^\d+:[\w-]+$/, 'Must be the token BotFather gave, like 123456:ABC-DEF…'),
    // Telegram's own rule for the X-Telegram-Bot-Api-Secret-Token header.
    secretToken: text(256).regex(/^[\w-]+$/, 'Only letters, digits, _ and -').optional(),
  }),
  WEBSITE_CHAT: z.strictObject({}),
} satisfies Record<ChannelType, z.ZodType>;

export type EmailCredentials = z.infer<typeof credentialSchemas.EMAIL>;
export type FacebookCredentials = z.infer<typeof credentialSchemas.FACEBOOK>;
export type InstagramCredentials = z.infer<typeof credentialSchemas.INSTAGRAM>;
export type WhatsappCredentials = z.infer<typeof credentialSchemas.WHATSAPP>;
export type TelegramCredentials = z.infer<typeof credentialSchemas.TELEGRAM>;
export type ChannelCredentials = { [T in ChannelType]: z.infer<(typeof credentialSchemas)[T]> };


type Issue = { path: PropertyKey[]; message: string; code: string; keys?: string[] };

/** Issues of `credentials` against its type's shape, with paths under `credentials`; [] when valid. */
export function credentialIssues(type: ChannelType, credentials: unknown): Issue[] {
  const result = credentialSchemas[type].safeParse(credentials);
  if (result.success) return [];
  return result.error.issues.map((i) => ({
    path: ['credentials', ...i.path],
    message: i.code === 'unrecognized_keys' ? 'Unknown field' : i.message,
    code: i.code,
    ...('keys' in i ? { keys: i.keys } : {}),
  }));
}

const language = z.string({ error: required('a language code') }).trim().min(2, 'Must be a language code like "en"').max(16, 'Must be a language code like "en"');
/** responseTemplate is free-form, but bounded: it is stored and sent back on every read. */
const jsonObject = z.record(z.string(), z.unknown(), { error: required('an object') })
  .refine((o) => JSON.stringify(o).length <= 16_384, 'Must be at most 16 KB as JSON');

const channelFields = {
  name: text(120),
  region: z.string({ error: required('a string') }).trim().max(64, 'At most 64 characters'),
  defaultLanguage: language,
  autoTranslate: flag,
  translateToLanguage: language,
  fallbackLanguage: language,
  aiProviderId: text(128),
  responseTemplate: jsonObject,
  autoReply: flag,
  autoApprove: flag,
  autoEnhance: flag,
};

const CREDENTIALS_DOC = [
  'Checked against `type`:',
  'EMAIL {host, port, username, password, from, secure?, imapHost?, imapPort?, imapSecure?, imapAllowSelfSigned?};',
  'FACEBOOK {pageId, accessToken, appSecret?, verifyToken?}; INSTAGRAM {accountId, accessToken, appSecret?, verifyToken?};',
  'WHATSAPP {phoneNumberId, accessToken, appSecret?, verifyToken?}; TELEGRAM {botToken, secretToken?}; WEBSITE_CHAT {}.',
  'Stored encrypted; responses show non-secret fields and has<Secret> flags only.',
].join(' ');

/** POST /api/channels: the reference's verified createChannelSchema, credentials checked against `type`. */
export const createChannelSchema = z
  .strictObject({
    type: channelTypeSchema,
    name: channelFields.name,
    region: channelFields.region.optional(),
    defaultLanguage: channelFields.defaultLanguage.default('en'),
    autoTranslate: channelFields.autoTranslate.default(true),
    translateToLanguage: channelFields.translateToLanguage.optional(),
    fallbackLanguage: channelFields.fallbackLanguage.optional(),
    aiProviderId: channelFields.aiProviderId.optional(),
    credentials: z.record(z.string(), z.unknown(), { error: required('an object') }).meta({ description: CREDENTIALS_DOC }),
    responseTemplate: channelFields.responseTemplate.optional(),
    autoReply: channelFields.autoReply.default(false),
    autoApprove: channelFields.autoApprove.default(false),
    autoEnhance: channelFields.autoEnhance.default(false),
  })
  .superRefine((body, ctx) => {
    if (!(body.type in credentialSchemas) || typeof body.credentials !== 'object' || body.credentials === null) return;
    for (const issue of credentialIssues(body.type, body.credentials)) ctx.addIssue({ ...issue, input: undefined } as never);
  });
export type CreateChannelBody = z.infer<typeof createChannelSchema>;

/**
 * PATCH /api/channels/[id]. `credentials` is partial: given fields replace, omitted ones are kept, `null`
 * removes an optional one; the merge is re-checked against the channel's type. `type` may be repeated but
 * not changed. Optional text fields take `null` to clear them.
 */
export const updateChannelSchema = z.strictObject({
  type: channelTypeSchema.optional(),
  name: channelFields.name.optional(),
  region: channelFields.region.nullable().optional(),
  defaultLanguage: channelFields.defaultLanguage.optional(),
  autoTranslate: channelFields.autoTranslate.optional(),
  translateToLanguage: channelFields.translateToLanguage.nullable().optional(),
  fallbackLanguage: channelFields.fallbackLanguage.nullable().optional(),
  aiProviderId: channelFields.aiProviderId.nullable().optional(),
  credentials: z.record(z.string(), z.unknown(), { error: required('an object') }).optional(),
  responseTemplate: channelFields.responseTemplate.optional(),
  autoReply: channelFields.autoReply.optional(),
  autoApprove: channelFields.autoApprove.optional(),
  autoEnhance: channelFields.autoEnhance.optional(),
});
export type UpdateChannelBody = z.infer<typeof updateChannelSchema>;

/**
 * POST /api/channels/check-connection: the credentials a channel of `type` would be created with, checked
 * against the provider without storing anything (CONTRACT §10 "Check connection").
 */
export const checkConnectionBodySchema = z
  .strictObject({
    type: channelTypeSchema,
    credentials: z.record(z.string(), z.unknown(), { error: required('an object') }).meta({ description: CREDENTIALS_DOC }),
  })
  .superRefine((body, ctx) => {
    if (!(body.type in credentialSchemas) || typeof body.credentials !== 'object' || body.credentials === null) return;
    for (const issue of credentialIssues(body.type, body.credentials)) ctx.addIssue({ ...issue, input: undefined } as never);
  });
export type CheckConnectionBody = z.infer<typeof checkConnectionBodySchema>;

/**
 * POST /api/channels/[id]/check-connection: the stored credentials, or unsaved edits merged into them the way
 * PATCH merges them (given fields replace, omitted secrets are kept, `null` removes an optional field).
 */
export const checkChannelConnectionBodySchema = z
  .strictObject({ credentials: z.record(z.string(), z.unknown(), { error: required('an object') }).optional() })
  // A POST without a body arrives as null.
  .nullish();
export type CheckChannelConnectionBody = z.infer<typeof checkChannelConnectionBodySchema>;

/** Whether the provider accepted the credentials; `error` is a reason an admin can act on. */
export const connectionCheckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

export const channelListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).default(20).transform((n) => Math.min(n, 100)),
  type: channelTypeSchema.optional(),
});
export type ChannelListQuery = z.infer<typeof channelListQuerySchema>;

// ---- widget appearance (WEBSITE_CHAT) --------------------------------------------------------

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string({ error: required('a time') }).regex(HHMM, 'Must be a time HH:MM (24-hour)');
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const businessHoursSchema = z.strictObject({
  timezone: z.string({ error: required('a time zone') }).min(1, 'Required').max(64).refine(isTimeZone, 'Must be an IANA time zone like "Europe/Ljubljana"'),
  /** Several entries for one day express split shifts; a window never crosses midnight. */
  days: z.array(
    z.strictObject({
      day: z.number({ error: required('a number') }).int().min(0, 'Must be 0 (Sunday) to 6 (Saturday)').max(6, 'Must be 0 (Sunday) to 6 (Saturday)'),
      open: hhmm,
      close: hhmm,
    }).refine((d) => !HHMM.test(d.open) || !HHMM.test(d.close) || d.open < d.close, { message: 'Must be after open', path: ['close'] }),
    { error: required('a list') },
  ).max(28, 'At most 28 opening windows'),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const widgetPositions = ['right', 'left'] as const;

export const widgetConfigDefaults = {
  color: '#2563eb',
  position: 'right',
  greeting: 'Hi! How can we help?',
  launcherText: 'Chat with us',
} as const;

const widgetFields = {
  color: z.string({ error: required('a colour') }).regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'Must be a hex colour like #2563eb'),
  position: z.enum(widgetPositions, { error: 'Must be "right" or "left"' }),
  greeting: text(280),
  launcherText: text(40),
  language,
};

/** What GET /api/channels/[id]/widget-config answers: the stored appearance over the defaults. */
export const widgetConfigSchema = z.object({
  channelId: z.string(),
  color: z.string(),
  position: z.enum(widgetPositions),
  greeting: z.string(),
  launcherText: z.string(),
  language: z.string(),
  businessHours: businessHoursSchema.optional(),
  /** `HelpStack('identify')` must carry a valid `userHash` (CONTRACT §12). */
  identityVerification: z.boolean(),
});
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;

/** PATCH …/widget-config merges these; `null` resets language to the channel's default and removes business hours. */
export const updateWidgetConfigSchema = z.strictObject({
  color: widgetFields.color.optional(),
  position: widgetFields.position.optional(),
  greeting: widgetFields.greeting.optional(),
  launcherText: widgetFields.launcherText.optional(),
  language: widgetFields.language.nullable().optional(),
  businessHours: businessHoursSchema.nullable().optional(),
  identityVerification: z.boolean({ error: 'Must be true or false' }).optional(),
});
export type UpdateWidgetConfigBody = z.infer<typeof updateWidgetConfigSchema>;

/** The stored part of the widget config (channels.widget_config): only what an admin has set. */
export const storedWidgetConfigSchema = updateWidgetConfigSchema.partial();

// ---- responses -------------------------------------------------------------------------------

/** Non-secret credential fields plus `has<Secret>` flags — never a secret value. */
export const credentialsSummarySchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type CredentialsSummary = z.infer<typeof credentialsSummarySchema>;

/** CONTRACT §10: whether the channel's mailbox (or provider) could be reached when last checked. */
export const channelStatusSchema = z.object({
  state: z.enum(['OK', 'ERROR']),
  error: z.string().nullable(),
  checkedAt: z.string(),
});
export type ChannelStatus = z.infer<typeof channelStatusSchema>;

export const channelSchema = z.object({
  id: z.string(),
  type: channelTypeSchema,
  name: z.string(),
  region: z.string().nullable(),
  defaultLanguage: z.string(),
  autoTranslate: z.boolean(),
  translateToLanguage: z.string().nullable(),
  fallbackLanguage: z.string().nullable(),
  aiProviderId: z.string().nullable(),
  credentials: credentialsSummarySchema,
  responseTemplate: z.record(z.string(), z.unknown()),
  autoReply: z.boolean(),
  autoApprove: z.boolean(),
  autoEnhance: z.boolean(),
  /** The resolved appearance for WEBSITE_CHAT channels; null for other types. */
  widgetConfig: widgetConfigSchema.nullable(),
  /** The last connection check (EMAIL: an IMAP login); null until one has run, and for types that are not checked. */
  status: channelStatusSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Channel = z.infer<typeof channelSchema>;

/** `identitySecret` (admins only): the key of the `userHash` HMAC for `HelpStack('identify')`. */
export const widgetScriptSchema = z.object({ snippet: z.string(), scriptUrl: z.string(), identitySecret: z.string().optional() });
export type WidgetScript = z.infer<typeof widgetScriptSchema>;
