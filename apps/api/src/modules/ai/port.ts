import type { AiFeature, AiProviderType } from '@helpstack/contracts';
import type { z } from 'zod';

/**
 * What features (translation, suggestions, auto-reply, FAQ generation) see of AI: no SDK types. One call
 * resolves the provider (an explicit one, else the channel's, else the organization's default), refuses
 * with 402 before any request when the organization has no tokens, charges each model request by its
 * usage, records it in `ai_usage`, and turns every provider failure into 502 naming the provider.
 */
export interface AiPort {
  generateText<T = undefined>(params: GenerateTextParams<T>): Promise<GenerateTextResult<T>>;
}

/** Customer text goes in `messages` as data; `system` holds only the team's own instructions. */
export interface AiMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** A tool the model may call; `parameters` is a JSON Schema object. Its result is handed back to the model. */
export interface AiTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  execute(args: unknown): Promise<unknown>;
}

export interface GenerateTextParams<T> {
  organizationId: string;
  feature: AiFeature;
  conversationId?: string | null;
  channelId?: string | null;
  /** A provider named explicitly (the Settings "Test" button); otherwise channel, then default. */
  providerId?: string;
  system: string;
  messages: AiMessage[];
  tools?: AiTool[];
  /** Ask for JSON matching this schema (sent as `json_schema` structured output); the answer is in `object`. */
  schema?: z.ZodType<T>;
  maxOutputTokens?: number;
  /** Model requests at most, tool rounds included (default 6: five tool rounds and an answer). */
  maxSteps?: number;
}

export interface AiToolCall {
  name: string;
  args: unknown;
  result: unknown;
}

export interface AiUsageTotals {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface GenerateTextResult<T> {
  text: string;
  object: T | undefined;
  toolCalls: AiToolCall[];
  usage: AiUsageTotals;
  /** Plan tokens taken, all model requests of this call together. */
  tokensCharged: number;
  provider: { id: string; name: string; type: AiProviderType; model: string };
  latencyMs: number;
}
