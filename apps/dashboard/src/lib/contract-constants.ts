import { channelTypes } from '@helpstack/contracts/constants';
import type { ConversationStatus, MAX_ATTACHMENTS as ContractMaxAttachments, MESSAGE_MAX_CHARS as ContractMaxChars, Priority, Role } from '@helpstack/contracts';

/**
 * Runtime copies of the contract's enums and limits. Importing them from @helpstack/contracts would
 * pull zod into the bundle (its schemas are built at module load); the types below fail the build if
 * a copy ever drifts from the contract. Channel types come from the zod-free `@helpstack/contracts/constants`.
 */
type Exactly<T, U extends readonly unknown[]> = [Exclude<T, U[number]>] extends [never] ? U : never;

export const CONVERSATION_STATUSES = ['OPEN', 'PENDING', 'CLOSED', 'ARCHIVED'] as const satisfies Exactly<ConversationStatus, readonly ConversationStatus[]>;
export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const satisfies Exactly<Priority, readonly Priority[]>;
export const ROLES = ['ADMIN', 'AGENT', 'VIEWER'] as const satisfies Exactly<Role, readonly Role[]>;
/** The chat widget first: it needs no credentials, so it is the default of the create form. */
export const CHANNEL_TYPES = ['WEBSITE_CHAT', ...channelTypes.filter((t) => t !== 'WEBSITE_CHAT')] as const;

export const MAX_ATTACHMENTS: typeof ContractMaxAttachments = 10;
export const MESSAGE_MAX_CHARS: typeof ContractMaxChars = 20_000;
