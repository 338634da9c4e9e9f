import type { ChannelCredentials, ChannelType, CredentialsSummary, credentialSchemas } from '@helpstack/contracts';
import type { Config } from '../../../config.ts';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Outbound } from '../../../plugins/app/outbound.ts';
import type { DeliveryContext, DeliveryResult } from './delivery-types.ts';
import type { AccountOwnership } from './ownership-types.ts';

export type { AccountOwnership, ProviderUrls } from './ownership-types.ts';
export type { DeliveryContext, DeliveryResult } from './delivery-types.ts';

/** What a provider may use of the app (the widget's sockets; config, the database, credentials and media). */
export type ProviderServices = Pick<FastifyInstance, 'visitorSockets' | 'config' | 'db' | 'crypto' | 'storage'>;

/**
 * What a channel type does today; the inbox and later features (AI replies, templates) read these rather
 * than the type. A feature the provider's API has but this app does not send yet is false.
 */
export interface ProviderCapabilities {
  /** Replies carry their attachments to the customer. */
  attachments: boolean;
  /** Provider-approved message templates (WhatsApp), the only way to write after the window closed. */
  templates: boolean;
  /** A rule, not a feature: free-form replies only within 24 h of the customer's last message (Meta's messaging window). */
  window24h: boolean;
  /** An agent's typing reaches the customer (WEBSITE_CHAT: the widget's dots, pushed by modules/widget). */
  typing: boolean;
}

/** Reads every channel of its type from the provider (IMAP): one per app, started when it is ready, stopped on close. */
export interface ProviderPoller {
  start(app: FastifyInstance): { stop(): Promise<void> };
}

/** How messages reach the app: webhook routes mounted at /api/webhooks/<path>, or a poller (IMAP). */
export interface ProviderInbound {
  webhooks?: { path: string; routes: FastifyPluginAsyncZod };
  poller?: ProviderPoller;
  /** The job queue that processes what the webhooks accepted; providers sharing one name it once (by `name`). */
  queue?: { name: string; define(app: FastifyInstance): void };
}

/** What a type does with the provider when one of its channels is connected or removed (Telegram: its webhook). */
export interface ProviderLifecycle<T extends ChannelType> {
  /** Fills credentials the server generates (a webhook secret) before they are stored. */
  prepare?(credentials: ChannelCredentials[T]): ChannelCredentials[T];
  /**
   * After a create or a change `reconnectOn` names has been stored. true when the provider was told (the
   * channel's status then becomes OK), false when there was nothing to tell it; a throw is the channel's
   * status error (CONTRACT §10 `channel.status`).
   */
  connected?(config: Config, channel: { id: string; credentials: ChannelCredentials[T] }): Promise<boolean>;
  /** Whether a credentials change needs `connected` again, beyond an account or token change (Telegram: its secret). */
  reconnectOn?(before: ChannelCredentials[T], after: ChannelCredentials[T]): boolean;
  /** After the channel was deleted. */
  disconnected?(config: Config, channel: { id: string; credentials: ChannelCredentials[T] }): Promise<void>;
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
  /**
   * Write-time checks beyond the schema (CONTRACT §8.6: servers a user names pass the outbound guard);
   * returns the refused `credentials.<field>` messages, or null.
   */
  checkCredentials?(credentials: ChannelCredentials[T], outbound: Pick<Outbound, 'checkMailHost'>): Record<string, string[]> | null;
  /**
   * "Check connection" beyond the account check (`ownership.verify`, which every bound type runs): logs in to
   * the provider with these credentials (EMAIL: SMTP and IMAP). Resolves to a readable reason, or null when accepted.
   */
  checkConnection?(config: Config, credentials: ChannelCredentials[T]): Promise<string | null>;
  /** After a channel of this type was created or got new credentials (committed): e.g. check its connection. */
  onSaved?(app: FastifyInstance, channel: { id: string; organizationId: string }): Promise<void>;
  /** Types bound to a provider account (a page, a bot) prove that their credentials own it. */
  ownership?: AccountOwnership<T>;
  /** Sends one OUTBOUND message; a type without it fails its messages as not configured yet. */
  deliver?(ctx: DeliveryContext, services: ProviderServices): Promise<DeliveryResult>;
  inbound?: ProviderInbound;
  lifecycle?: ProviderLifecycle<T>;
  capabilities: ProviderCapabilities;
}

export type AnyChannelProvider = { [T in ChannelType]: ChannelProvider<T> }[ChannelType];
