import type { ChannelType, ConversationStatus, MAX_ATTACHMENTS as ContractMaxAttachments, MESSAGE_MAX_CHARS as ContractMaxChars, Priority, Role } from '@helpstack/contracts';

/**
 * Runtime copies of the contract's enums and limits. Importing them from @helpstack/contracts would
 * pull zod into the bundle (its schemas are built at module load); the types below fail the build if
 * a copy ever drifts from the contract.
 */
type Exactly<T, U extends readonly unknown[]> = [Exclude<T, U[number]>] extends [never] ? U : never;

export const CONVERSATION_STATUSES = ['OPEN', 'PENDING', 'CLOSED', 'ARCHIVED'] as const satisfies Exactly<ConversationStatus, readonly ConversationStatus[]>;
export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const satisfies Exactly<Priority, readonly Priority[]>;
export const ROLES = ['ADMIN', 'AGENT', 'VIEWER'] as const satisfies Exactly<Role, readonly Role[]>;
export const CHANNEL_TYPES = ['WEBSITE_CHAT', 'EMAIL', 'FACEBOOK', 'INSTAGRAM', 'WHATSAPP', 'TELEGRAM'] as const satisfies Exactly<ChannelType, readonly ChannelType[]>;

export const MAX_ATTACHMENTS: typeof ContractMaxAttachments = 10;
export const MESSAGE_MAX_CHARS: typeof ContractMaxChars = 20_000;
