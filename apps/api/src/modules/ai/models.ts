import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { AiProviderType } from '@helpstack/contracts';
import type { LanguageModel } from 'ai';
import type { GuardedFetch } from '../../lib/outbound/index.ts';

export interface ModelTarget {
  type: AiProviderType;
  model: string;
  baseUrl: string | null;
  apiKey: string | null;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * The SDK model for a provider row; the only place that knows the vendors' packages. Every request goes
 * through the guarded fetch. Keys are always passed explicitly so an SDK never falls back to the
 * server's own environment (`OPENAI_API_KEY` …).
 * Base URLs follow CONTRACT §8.1: OpenAI-style `{baseUrl}/chat/completions`, Anthropic `{baseUrl}/v1/messages`.
 */
export function languageModelFor(target: ModelTarget, fetch: GuardedFetch): LanguageModel {
  const f = fetch as typeof globalThis.fetch;
  const apiKey = target.apiKey ?? '';
  const baseURL = target.baseUrl ? trimSlash(target.baseUrl) : undefined;
  switch (target.type) {
    case 'OPENAI':
      // Chat Completions, not the Responses API (CONTRACT §8.1).
      return createOpenAI({ apiKey, baseURL, fetch: f }).chat(target.model);
    case 'OPENAI_COMPATIBLE':
      // Structured outputs on: without it the SDK sends `json_object` with no schema, which local servers cannot honour.
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: baseURL!,
        ...(target.apiKey ? { apiKey: target.apiKey } : {}),
        fetch: f,
        supportsStructuredOutputs: true,
        includeUsage: true,
      }).chatModel(target.model);
    case 'ANTHROPIC':
      return createAnthropic({ apiKey, baseURL: baseURL ? `${baseURL}/v1` : undefined, fetch: f })(target.model);
    case 'GOOGLE':
      return createGoogleGenerativeAI({ apiKey, baseURL, fetch: f })(target.model);
  }
}
