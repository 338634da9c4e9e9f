import type { ChannelType, CredentialsSummary, credentialSchemas } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DeliveryContext, DeliveryResult } from './delivery-types.ts';
import type { AccountOwnership } from './ownership-types.ts';

export type { AccountOwnership, ProviderUrls } from './ownership-types.ts';
export type { DeliveryContext, DeliveryResult } from './delivery-types.ts';

/** What a provider may use of the app when it sends (the widget's sockets; later HTTP clients, config). */
export type ProviderServices = Pick<FastifyInstance, 'visitorSockets'>;

/** What a channel type can do; the inbox and later features (AI replies, templates) read these rather than the type. */
export interface ProviderCapabilities {
  attachments: boolean;
  /** Provider-approved message templates (WhatsApp). */
  templates: boolean;
  /** Free-form replies only within 24 h of the customer's last message (Meta's messaging window). */
  window24h: boolean;
  /** Typing indicators reach the customer. */
  typing: boolean;
}

/** How messages reach the app: webhook routes mounted at /api/webhooks/<path>, or (later, IMAP) a poller. */
export interface ProviderInbound {
  webhooks?: { path: string; routes: FastifyPluginAsyncZod };
  /** The job queue that processes what the webhooks accepted; providers sharing one name it once (by `name`). */
  queue?: { name: string; define(app: FastifyInstance): void };
}

/**
 * Everything one channel type is: one folder under providers/ implements this, and providers/index.ts
 * lists it. Credentials, delivery, inbound routes and ownership checks are all looked up here by type.
 */
export interface ChannelProvider<T extends ChannelType = ChannelType> {
  type: T;
  credentials: {
    /** The contract's schema for this type (packages/contracts). */
    schema: (typeof credentialSchemas)[T];
    /** Write-only fields: shown as `has<Field>` flags, never as values. */
    secretFields: readonly string[];
  };
  /** What responses show of the credentials, when the type needs more than the default (non-secret fields + flags). */
  summarize?(credentials: Record<string, unknown>): CredentialsSummary;
  /** Types bound to a provider account (a page, a bot) prove that their credentials own it. */
  ownership?: AccountOwnership<T>;
  /** Sends one OUTBOUND message; a type without it fails its messages as not configured yet. */
  deliver?(ctx: DeliveryContext, services: ProviderServices): Promise<DeliveryResult>;
  inbound?: ProviderInbound;
  capabilities: ProviderCapabilities;
}

export type AnyChannelProvider = { [T in ChannelType]: ChannelProvider<T> }[ChannelType];
