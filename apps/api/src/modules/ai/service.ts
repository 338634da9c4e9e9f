import { dynamicTool, generateText, isStepCount, jsonSchema, Output, type ToolSet } from 'ai';
import type { FastifyInstance } from 'fastify';
import { AppError, InsufficientTokensError } from '../../lib/errors.ts';
import { decryptApiKey } from '../ai-providers/api-key-crypto.ts';
import { languageModelFor } from './models.ts';
import type { AiPort, AiTool, AiToolCall, GenerateTextParams, GenerateTextResult } from './port.ts';
import { resolveProvider, tokenBalance } from './resolve.ts';
import { failureReason, upstreamErrorFor } from './upstream-error.ts';
import { chargeModelCall } from './usage.ts';

/** Bounds on every call (issue 10: "every call has a timeout, an output cap"). */
export const AI_LIMITS = {
  /** The whole call, tool rounds included. */
  timeoutMs: 60_000,
  /** One HTTP request to the provider. */
  requestTimeoutMs: 45_000,
  maxOutputTokens: 1024,
  /** Retries of a failed request by the SDK (5xx, 429); a route's client is waiting. */
  maxRetries: 1,
  maxSteps: 6,
  /** A provider's answer larger than this is refused. */
  maxResponseBytes: 2 * 1024 * 1024,
} as const;

type Deps = Pick<FastifyInstance, 'db' | 'crypto' | 'outbound' | 'log'>;

function toolSet(tools: AiTool[], calls: AiToolCall[]): ToolSet {
  return Object.fromEntries(
    tools.map((t) => [
      t.name,
      dynamicTool({
        description: t.description,
        inputSchema: jsonSchema(t.parameters as Parameters<typeof jsonSchema>[0]),
        execute: async (args) => {
          const result = await t.execute(args);
          calls.push({ name: t.name, args, result });
          return result;
        },
      }),
    ]),
  );
}

export function createAiPort(app: Deps): AiPort {
  const fetch = app.outbound.fetchWith({ timeoutMs: AI_LIMITS.requestTimeoutMs, maxBytes: AI_LIMITS.maxResponseBytes });

  async function generate<T>(params: GenerateTextParams<T>): Promise<GenerateTextResult<T>> {
    const { organizationId, feature } = params;
    const provider = await resolveProvider(app.db, params);
    // CONTRACT §8.5: refused before any provider call.
    if ((await tokenBalance(app.db, organizationId)) <= 0) throw new InsufficientTokensError();

    const model = languageModelFor({ ...provider, apiKey: decryptApiKey(app.crypto, provider) }, fetch);
    const conversationId = params.conversationId ?? null;
    const toolCalls: AiToolCall[] = [];
    const totals = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
    let tokensCharged = 0;
    const started = performance.now();
    const info = { id: provider.id, name: provider.name, type: provider.type, model: provider.model };

    try {
      const result = await generateText({
        model,
        instructions: params.system,
        messages: params.messages,
        ...(params.tools?.length ? { tools: toolSet(params.tools, toolCalls), stopWhen: isStepCount(params.maxSteps ?? AI_LIMITS.maxSteps) } : {}),
        ...(params.schema ? { output: Output.object({ schema: params.schema }) } : {}),
        maxOutputTokens: params.maxOutputTokens ?? AI_LIMITS.maxOutputTokens,
        maxRetries: AI_LIMITS.maxRetries,
        abortSignal: AbortSignal.timeout(AI_LIMITS.timeoutMs),
        // Each model request is charged as it completes (CONTRACT §8.5), so a loop that fails later still pays for what ran.
        onStepEnd: async (step) => {
          const usage = {
            inputTokens: step.usage.inputTokens ?? 0,
            outputTokens: step.usage.outputTokens ?? 0,
            totalTokens: step.usage.totalTokens ?? (step.usage.inputTokens ?? 0) + (step.usage.outputTokens ?? 0),
          };
          totals.inputTokens += usage.inputTokens;
          totals.outputTokens += usage.outputTokens;
          totals.totalTokens += usage.totalTokens;
          tokensCharged += await chargeModelCall(app.db, { organizationId, feature, conversationId, provider: info, usage });
        },
      });
      return {
        text: result.text,
        object: params.schema ? (result.output as T) : undefined,
        toolCalls,
        usage: totals,
        tokensCharged,
        provider: info,
        latencyMs: Math.round(performance.now() - started),
      };
    } catch (err) {
      if (err instanceof AppError) throw err;
      const { reason, status } = failureReason(err);
      // The error object is not logged: SDK errors carry the upstream body, which may quote the key.
      app.log.warn({ providerId: provider.id, providerType: provider.type, feature, status, reason }, 'AI provider call failed');
      throw upstreamErrorFor(provider, reason);
    }
  }

  return { generateText: generate };
}
