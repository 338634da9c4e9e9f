/**
 * The `inbound` figure of `pnpm bench`: BENCH_INBOUND_VISITORS (200) visitors chatting at once on one
 * website channel, each sending BENCH_INBOUND_MESSAGES (5) messages one after another; each message is
 * timed from its `POST /api/widget/message` until the agent's realtime socket has its `message.created`
 * frame. A visitor's first message (which creates the customer and the conversation) is timed too but
 * reported apart, as `first`.
 */
import { randomBytes } from 'node:crypto';
import { agentSocket, api, percentiles, visitorSays, withTimeout, type Percentiles } from './ai.ts';

/** Issue 14: p99 of a visitor's message reaching the agent at 200 visitors (reported; budget below). */
export const INBOUND_P99_BUDGET_MS = 1_000;

export interface InboundFigures {
  visitors: number;
  messagesPerVisitor: number;
  /** Messages into an existing conversation. */
  latency: Percentiles;
  /** Each visitor's first message (customer and conversation created). */
  first: Percentiles;
  totalMs: number;
}

export async function measureInbound(opts: { baseUrl: string; cookie: string; visitors: number; messages: number }): Promise<InboundFigures> {
  const { baseUrl, cookie } = opts;
  const channel = await api<{ id: string }>(baseUrl, cookie, '/api/channels', { type: 'WEBSITE_CHAT', name: 'Bench inbound', credentials: {}, autoTranslate: false });
  const socket = await agentSocket(baseUrl, cookie);
  const run = randomBytes(4).toString('hex');
  const latency: number[] = [];
  const first: number[] = [];
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: opts.visitors }, async (_, v) => {
      const visitorId = `bench-inbound-${run}-${String(v).padStart(4, '0')}`;
      for (let k = 0; k < opts.messages; k++) {
        const marker = `#${run}-${v * opts.messages + k}#`;
        const frame = socket.next('message.created', marker);
        const t0 = performance.now();
        await visitorSays(baseUrl, channel.id, visitorId, `Hello, question ${k} about my order ${marker}`);
        await withTimeout(frame, 60_000, `the message.created frame of ${marker}`);
        (k === 0 ? first : latency).push(performance.now() - t0);
      }
    }));
  } finally {
    socket.close();
  }
  return { visitors: opts.visitors, messagesPerVisitor: opts.messages, latency: percentiles(latency), first: percentiles(first), totalMs: performance.now() - started };
}

export function inboundSummary(f: InboundFigures): string {
  const ms = (n: number) => n.toFixed(1).padStart(8);
  return [
    `inbound: ${f.visitors} visitors × ${f.messagesPerVisitor} widget messages → agent socket (message.created), ${(f.totalMs / 1000).toFixed(1)} s`,
    `                      count    p50 ms    p95 ms    p99 ms`,
    `  later messages    ${String(f.latency.count).padStart(6)}  ${ms(f.latency.p50Ms)}  ${ms(f.latency.p95Ms)}  ${ms(f.latency.p99Ms)}   p99 budget ≤ ${INBOUND_P99_BUDGET_MS} ms: ${f.latency.p99Ms <= INBOUND_P99_BUDGET_MS ? 'PASS' : 'MISS'}`,
    `  first messages    ${String(f.first.count).padStart(6)}  ${ms(f.first.p50Ms)}  ${ms(f.first.p95Ms)}  ${ms(f.first.p99Ms)}`,
  ].join('\n');
}
