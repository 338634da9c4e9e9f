/**
 * The wire shapes, taken as types only from the shared contract so no zod reaches the bundle
 * (`import type` is erased at build time).
 */
export type {
  VisitorContext,
  VisitorClientFrame,
  VisitorMessage,
  VisitorServerFrame,
  WidgetConfigResponse,
  WidgetConversationResponse,
  WidgetFaq,
  WidgetMessageResponse,
  WidgetStatusResponse,
  WidgetUploadResponse,
} from '../../../packages/contracts/src/widget.ts';

import type { VisitorContext, VisitorMessage, WidgetUploadResponse } from '../../../packages/contracts/src/widget.ts';

/** What the visitor can attach to one message: the upload answer (its `path` goes on the wire). */
export type UploadedFile = WidgetUploadResponse;

/** A visitor message waiting in the outbox until the server acknowledges it. */
export interface OutboxItem {
  clientMessageId: string;
  content: string;
  /** Upload `path`s, as the server wants them. */
  attachments?: string[];
  /** The uploads themselves, so a pending message can show its files. */
  files?: UploadedFile[];
  name?: string;
  email?: string;
  /** Where the visitor writes from: on the first message only (the server keeps it on a new conversation). */
  context?: VisitorContext;
  createdAt: string;
}

/** One row of the message list: a server message, or a local one still in the outbox. */
export type ChatItem = VisitorMessage & { pending?: boolean; failed?: boolean };
