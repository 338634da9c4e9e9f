import {
  hasFlagOf,
  secretCredentialFields,
  storedWidgetConfigSchema,
  widgetConfigDefaults,
  type Channel,
  type ChannelType,
  type CredentialsSummary,
  type WidgetConfig,
} from '@helpstack/contracts';
import { providerOf } from './providers/index.ts';
import type { ChannelListRow } from './queries.ts';

const SECRETS = new Set<string>(secretCredentialFields);

/**
 * What responses show of a channel's credentials: the non-secret fields, and for every secret field the
 * type knows a `has<Field>` flag. Computed at write time into channels.credentials_summary so reads
 * never decrypt.
 */
export function summarizeCredentials(type: ChannelType, credentials: Record<string, unknown>): CredentialsSummary {
  const provider = providerOf(type);
  if (provider.summarize) return provider.summarize(credentials);
  const secrets = new Set(provider.credentials.secretFields);
  const summary: CredentialsSummary = {};
  for (const field of Object.keys(provider.credentials.schema.shape)) {
    const value = credentials[field];
    if (secrets.has(field)) summary[hasFlagOf(field)] = value !== undefined && value !== null && value !== '';
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') summary[field] = value;
  }
  return summary;
}

/** The widget's appearance: what an admin stored over the defaults; language follows the channel unless set. */
export function resolveWidgetConfig(row: Pick<ChannelListRow, 'id' | 'defaultLanguage' | 'widgetConfig'>): WidgetConfig {
  const parsed = storedWidgetConfigSchema.safeParse(row.widgetConfig ?? {});
  const stored = parsed.success ? parsed.data : {};
  return {
    channelId: row.id,
    color: stored.color ?? widgetConfigDefaults.color,
    position: stored.position ?? widgetConfigDefaults.position,
    greeting: stored.greeting ?? widgetConfigDefaults.greeting,
    launcherText: stored.launcherText ?? widgetConfigDefaults.launcherText,
    language: stored.language ?? row.defaultLanguage,
    ...(stored.businessHours ? { businessHours: stored.businessHours } : {}),
    identityVerification: stored.identityVerification ?? false,
  };
}

export function toChannel(row: ChannelListRow): Channel {
  // The summary is rebuilt from itself so a key that is not a known non-secret field can never leak.
  const shown = Object.fromEntries(
    Object.entries(row.credentialsSummary ?? {}).filter(([k, v]) =>
      (k.startsWith('has') ? typeof v === 'boolean' : !SECRETS.has(k)) && ['string', 'number', 'boolean'].includes(typeof v)),
  ) as CredentialsSummary;
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    region: row.region,
    defaultLanguage: row.defaultLanguage,
    autoTranslate: row.autoTranslate,
    translateToLanguage: row.translateToLanguage,
    fallbackLanguage: row.fallbackLanguage,
    aiProviderId: row.aiProviderId,
    credentials: shown,
    responseTemplate: row.responseTemplate ?? {},
    autoReply: row.autoReply,
    autoApprove: row.autoApprove,
    autoEnhance: row.autoEnhance,
    widgetConfig: row.type === 'WEBSITE_CHAT' ? resolveWidgetConfig(row) : null,
    status: row.connectionStatus ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
