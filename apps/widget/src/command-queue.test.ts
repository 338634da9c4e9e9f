import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, installApi, type CommandHandlers, type HelpStackFunction } from './command-queue.ts';

function fakeHandlers() {
  const calls: unknown[][] = [];
  const handlers: CommandHandlers = {
    open: () => void calls.push(['open']),
    close: () => void calls.push(['close']),
    toggle: () => void calls.push(['toggle']),
    identify: (v) => void calls.push(['identify', v]),
    prefill: (v) => void calls.push(['prefill', v]),
    on: (e, cb) => (calls.push(['on', e, cb]), () => {}),
    destroy: () => void calls.push(['destroy']),
  };
  return { calls, handlers };
}

/** The loader's stub, as the page sees it before the bundle arrives. */
function loaderStub(): HelpStackFunction & { q: ArrayLike<unknown>[] } {
  const stub = function (this: unknown) {
    // eslint-disable-next-line prefer-rest-params
    (stub.q = stub.q || []).push(arguments);
  } as unknown as HelpStackFunction & { q: ArrayLike<unknown>[] };
  return stub;
}

describe('createDispatcher', () => {
  it('runs known commands with their arguments', () => {
    const { calls, handlers } = fakeHandlers();
    const dispatch = createDispatcher(handlers, () => {});
    dispatch('open');
    dispatch('identify', { name: 'Ada', email: 'ada@example.com', userId: 'u-1', userHash: 'ab'.repeat(32) });
    dispatch('prefill', { content: 'Hi' });
    expect(calls).toEqual([['open'], ['identify', { name: 'Ada', email: 'ada@example.com', userId: 'u-1', userHash: 'ab'.repeat(32) }], ['prefill', { content: 'Hi' }]]);
  });

  it('warns, never throws, on unknown commands and bad arguments', () => {
    const { calls, handlers } = fakeHandlers();
    const warn = vi.fn();
    const dispatch = createDispatcher(handlers, warn);
    expect(() => dispatch('explode')).not.toThrow();
    expect(() => dispatch(42)).not.toThrow();
    expect(() => dispatch('toString')).not.toThrow();
    expect(() => dispatch('identify', 'Ada')).not.toThrow();
    expect(() => dispatch('identify', { userId: 42 })).not.toThrow();
    expect(() => dispatch('prefill', {})).not.toThrow();
    expect(() => dispatch('on', 'close')).not.toThrow();
    expect(() => dispatch('on', 'hover', () => {})).not.toThrow();
    expect(calls).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(8);
    expect(String(warn.mock.calls[0]![0])).toContain('unknown command "explode"');
  });

  it('a handler that throws is logged, not rethrown', () => {
    const { handlers } = fakeHandlers();
    const warn = vi.fn();
    handlers.open = () => {
      throw new Error('boom');
    };
    expect(() => createDispatcher(handlers, warn)('open')).not.toThrow();
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('installApi (queue replay)', () => {
  it('replays queued calls in order, then calls directly', () => {
    const { calls, handlers } = fakeHandlers();
    const stub = loaderStub();
    stub('identify', { name: 'Ada' });
    stub('prefill', { content: 'I need help' });
    stub('open');
    expect(calls).toEqual([]);
    const api = installApi(stub, createDispatcher(handlers, () => {}), '1');
    expect(calls).toEqual([['identify', { name: 'Ada' }], ['prefill', { content: 'I need help' }], ['open']]);
    api('close');
    expect(calls.at(-1)).toEqual(['close']);
    expect(api.v).toBe('1');
  });

  it('a kept reference to the old stub now reaches the widget directly', () => {
    const { calls, handlers } = fakeHandlers();
    const stub = loaderStub();
    installApi(stub, createDispatcher(handlers, () => {}), '1');
    stub('toggle');
    expect(calls).toEqual([['toggle']]);
  });

  it('an unknown queued command is skipped with a warning and the rest still run', () => {
    const { calls, handlers } = fakeHandlers();
    const warn = vi.fn();
    const stub = loaderStub();
    stub('open');
    stub('fly', 1, 2);
    stub('close');
    installApi(stub, createDispatcher(handlers, warn), '1');
    expect(calls).toEqual([['open'], ['close']]);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('works without any stub (bundle loaded on its own)', () => {
    const { calls, handlers } = fakeHandlers();
    const api = installApi(undefined, createDispatcher(handlers, () => {}), '1');
    api('open');
    expect(calls).toEqual([['open']]);
  });
});
