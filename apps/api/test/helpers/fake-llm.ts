import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local model server speaking the two wire protocols providers use (CONTRACT §8.1): OpenAI Chat
 * Completions (`/openai/v1/chat/completions`, `/openai/nokey/v1/…` without a key) and Anthropic Messages
 * (`/anthropic/v1/messages`). Non-streaming. Answers are decided from the request:
 * 1. a forced tool choice → a call of that tool, arguments generated from its schema;
 * 2. `CALL_TOOL <name> <json>` in a message and that tool offered, not yet answered → a call of it;
 * 3. `HANDOFF_PLEASE` in a message and a tool `handoff_to_human` offered, not yet answered → a call of it;
 * 4. a JSON-schema response format → JSON valid against the schema;
 * 5. otherwise `[<model>] <last user text>`, plus ` | tool said: <result>` per tool result.
 * Every answer reports usage 1000 + 500 tokens unless `usageNext` says otherwise. Keys must start with
 * `sk-test-`; any other gets a 401 whose body quotes the key (as the vendors do), and a deliberate failure
 * body carries RAW_BODY_MARKER, so tests can prove neither ever reaches a client.
 * `delayMs` makes every answer take that long (a slow provider, for the AI benchmark).
 */
export const RAW_BODY_MARKER = 'fake-llm-raw-upstream-body';

export interface FakeLlmRequest {
  api: 'openai' | 'anthropic';
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  bodyText: string;
  status: number;
  /** What the fake answered: a tool call (its name) or text. */
  answer?: { kind: 'tool'; name: string } | { kind: 'text' };
}

type Rule = { status?: number; delayMs?: number; usageTotal?: number; times: number; match?: string };

export interface FakeLlm {
  baseUrl: string;
  port: number;
  openaiUrl: string;
  openaiNoKeyUrl: string;
  anthropicUrl: string;
  requests: FakeLlmRequest[];
  /** Requests being answered now, and the most there ever were at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  failNext(status: number, opts?: { times?: number; match?: string }): void;
  delayNext(ms: number, opts?: { times?: number; match?: string }): void;
  usageNext(total: number, opts?: { times?: number; match?: string }): void;
  reset(): void;
  close(): Promise<void>;
}

function sampleOf(schema: any, text: string): unknown {
  if (!schema || typeof schema !== 'object') return text;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (schema.anyOf) return sampleOf(schema.anyOf[0], text);
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(v, text)]));
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, Math.min(2, schema.maxItems ?? 2));
      return Array.from({ length: n }, () => sampleOf(schema.items, text));
    }
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      return text;
  }
}

const textOf = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: any) => (typeof p?.text === 'string' ? p.text : typeof p?.content === 'string' ? p.content : '')).join(' ');
  return '';
};

const CALL_TOOL = /CALL_TOOL (\w+) (\{.*?\})(?:\s|$)/s;
const HANDOFF = /HANDOFF_PLEASE/;

export async function startFakeLlm(opts: { delayMs?: number } = {}): Promise<FakeLlm> {
  const requests: FakeLlmRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let rules: Rule[] = [];
  const takeRule = (bodyText: string, has: (r: Rule) => boolean) => {
    const rule = rules.find((r) => r.times > 0 && has(r) && (!r.match || bodyText.includes(r.match)));
    if (rule) rule.times -= 1;
    return rule;
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => (inFlight -= 1));
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bodyText = Buffer.concat(chunks).toString('utf8');
    let body: any = {};
    try {
      body = bodyText ? JSON.parse(bodyText) : {};
    } catch { /* answered below as a 400 */ }
    const path = (req.url ?? '').split('?')[0]!;
    const api = path.startsWith('/anthropic') ? 'anthropic' : 'openai';
    const record: FakeLlmRequest = { api, path, headers: req.headers, body, bodyText, status: 200 };
    requests.push(record);
    const send = (status: number, payload: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };

    const delayMs = takeRule(bodyText, (r) => r.delayMs !== undefined)?.delayMs ?? opts.delayMs;
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));

    const known = ['/openai/v1/chat/completions', '/openai/nokey/v1/chat/completions', '/anthropic/v1/messages'];
    if (req.method !== 'POST' || !known.includes(path)) return send(404, { error: { message: `no route ${req.method} ${path}` } });

    const key = api === 'anthropic' ? String(req.headers['x-api-key'] ?? '') : String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!path.includes('/nokey/') && !key.startsWith('sk-test-')) {
      return send(401, api === 'anthropic'
        ? { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${key} ${RAW_BODY_MARKER}` } }
        : { error: { message: `Incorrect API key provided: ${key}. ${RAW_BODY_MARKER}`, type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const fail = takeRule(bodyText, (r) => r.status !== undefined);
    if (fail?.status) return send(fail.status, { error: { message: `forced failure ${RAW_BODY_MARKER}`, type: 'server_error' } });

    const total = takeRule(bodyText, (r) => r.usageTotal !== undefined)?.usageTotal ?? 1500;
    const input = Math.min(1000, total);
    const output = total - input;
    const model = String(body.model ?? 'unknown');
    const messages: any[] = body.messages ?? [];

    if (api === 'openai') {
      const tools: any[] = body.tools ?? [];
      const answered = new Set(messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id));
      const toolResults = messages.filter((m) => m.role === 'tool').map((m) => textOf(m.content));
      const lastUser = textOf([...messages].reverse().find((m) => m.role === 'user')?.content);
      const forced = typeof body.tool_choice === 'object' ? body.tool_choice.function?.name : body.tool_choice === 'required' ? tools[0]?.function?.name : undefined;
      const call = CALL_TOOL.exec(messages.map((m) => textOf(m.content)).join('\n'));
      const usage = { prompt_tokens: input, completion_tokens: output, total_tokens: total };
      const toolCall = (name: string, args: unknown) => (record.answer = { kind: 'tool', name }, send(200, {
        id: 'chatcmpl-fake', object: 'chat.completion', created: 0, model,
        choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null, tool_calls: [{ id: `call_${name}_${requests.length}`, type: 'function', function: { name, arguments: JSON.stringify(args) } }] } }],
        usage,
      }));
      if (forced) return toolCall(forced, sampleOf(tools.find((t) => t.function?.name === forced)?.function?.parameters, lastUser));
      if (call && tools.some((t) => t.function?.name === call[1]) && answered.size === 0) return toolCall(call[1]!, JSON.parse(call[2]!));
      if (HANDOFF.test(bodyText) && tools.some((t) => t.function?.name === 'handoff_to_human') && answered.size === 0) return toolCall('handoff_to_human', { reason: 'The customer asked for a human (HANDOFF_PLEASE)' });
      record.answer = { kind: 'text' };
      const format = body.response_format;
      const content = format?.type === 'json_schema'
        ? JSON.stringify(sampleOf(format.json_schema?.schema, lastUser))
        : `[${model}] ${lastUser}${toolResults.map((r) => ` | tool said: ${r}`).join('')}`;
      return send(200, {
        id: 'chatcmpl-fake', object: 'chat.completion', created: 0, model,
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
        usage,
      });
    }

    const tools: any[] = body.tools ?? [];
    const blocks = messages.flatMap((m) => (Array.isArray(m.content) ? m.content.map((b: any) => ({ ...b, role: m.role })) : [{ type: 'text', text: m.content, role: m.role }]));
    const toolResults = blocks.filter((b) => b.type === 'tool_result').map((b) => textOf(b.content));
    const lastUser = [...blocks].reverse().find((b) => b.role === 'user' && b.type === 'text')?.text ?? '';
    const forced = body.tool_choice?.type === 'tool' ? body.tool_choice.name : body.tool_choice?.type === 'any' ? tools[0]?.name : undefined;
    const call = CALL_TOOL.exec(blocks.map((b) => b.text ?? '').join('\n'));
    const usage = { input_tokens: input, output_tokens: output };
    const toolUse = (name: string, input: unknown) => (record.answer = { kind: 'tool', name }, send(200, {
      id: 'msg_fake', type: 'message', role: 'assistant', model, stop_reason: 'tool_use', stop_sequence: null,
      content: [{ type: 'tool_use', id: `toolu_${name}_${requests.length}`, name, input }], usage,
    }));
    if (forced) return toolUse(forced, sampleOf(tools.find((t) => t.name === forced)?.input_schema, lastUser));
    if (call && tools.some((t) => t.name === call[1]) && toolResults.length === 0) return toolUse(call[1]!, JSON.parse(call[2]!));
    if (HANDOFF.test(bodyText) && tools.some((t) => t.name === 'handoff_to_human') && toolResults.length === 0) return toolUse('handoff_to_human', { reason: 'The customer asked for a human (HANDOFF_PLEASE)' });
    record.answer = { kind: 'text' };
    const format = body.output_format ?? body.output_config?.format;
    const text = format?.type === 'json_schema'
      ? JSON.stringify(sampleOf(format.schema, lastUser))
      : `[${model}] ${lastUser}${toolResults.map((r) => ` | tool said: ${r}`).join('')}`;
    return send(200, {
      id: 'msg_fake', type: 'message', role: 'assistant', model, stop_reason: 'end_turn', stop_sequence: null,
      content: [{ type: 'text', text }], usage,
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const rule = (r: Omit<Rule, 'times' | 'match'>, opts: { times?: number; match?: string } = {}) => {
    rules.push({ ...r, times: opts.times ?? 1, match: opts.match });
  };
  return {
    baseUrl,
    port,
    openaiUrl: `${baseUrl}/openai/v1`,
    openaiNoKeyUrl: `${baseUrl}/openai/nokey/v1`,
    anthropicUrl: `${baseUrl}/anthropic`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    failNext: (status, opts) => rule({ status }, opts),
    delayNext: (delayMs, opts) => rule({ delayMs }, opts),
    usageNext: (usageTotal, opts) => rule({ usageTotal }, opts),
    reset() {
      requests.length = 0;
      rules = [];
      maxInFlight = inFlight;
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
