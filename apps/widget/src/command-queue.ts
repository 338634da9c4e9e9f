/**
 * `window.HelpStack(command, ...args)`: the page's way to drive the widget. Before the bundle loads,
 * the loader's stub only queues calls in `HelpStack.q`; the bundle replays them, then swaps in
 * direct calls. A bad command is logged and ignored — it must never throw into the host page.
 */

export type WidgetEvent = 'open' | 'close' | 'message';
export const widgetEvents: readonly WidgetEvent[] = ['open', 'close', 'message'];

export interface CommandHandlers {
  open(): void;
  close(): void;
  toggle(): void;
  identify(visitor: { name?: string; email?: string; userId?: string; userHash?: string }): void;
  prefill(draft: { content: string }): void;
  /** Returns a function that removes the listener. */
  on(event: WidgetEvent, callback: (payload?: unknown) => void): () => void;
  destroy(): void;
}

export type Warn = (...args: unknown[]) => void;

/** The global function after the bundle has loaded. `q` stays array-like for code that reads it. */
export type HelpStackFunction = ((command: string, ...args: unknown[]) => unknown) & {
  q?: { push(args: ArrayLike<unknown>): unknown } | ArrayLike<unknown>[];
  /** Set by the loader once it has injected the bundle, so a second snippet does not load it twice. */
  l?: number;
  /** The bundle's version: set once it has booted. */
  v?: string;
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const optionalString = (x: unknown) => x === undefined || typeof x === 'string';

/** Argument checks, per command: a message for the console, or null when the call is fine. */
const checks: { [K in keyof CommandHandlers]: (args: unknown[]) => string | null } = {
  open: () => null,
  close: () => null,
  toggle: () => null,
  destroy: () => null,
  identify: ([v]) =>
    isObject(v) && optionalString(v.name) && optionalString(v.email) && optionalString(v.userId) && optionalString(v.userHash)
      ? null
      : 'identify expects { name?: string, email?: string, userId?: string, userHash?: string }',
  prefill: ([v]) => (isObject(v) && typeof v.content === 'string' ? null : 'prefill expects { content: string }'),
  on: ([event, callback]) =>
    !widgetEvents.includes(event as WidgetEvent)
      ? `on: unknown event "${String(event)}" (expected ${widgetEvents.join(', ')})`
      : typeof callback !== 'function' ? 'on expects a callback function' : null,
};

export function createDispatcher(handlers: CommandHandlers, warn: Warn = console.warn) {
  return function dispatch(command: unknown, ...args: unknown[]): unknown {
    if (typeof command !== 'string' || !Object.hasOwn(checks, command)) {
      warn(`[HelpStack] unknown command "${String(command)}"; known: ${Object.keys(checks).join(', ')}`);
      return undefined;
    }
    const name = command as keyof CommandHandlers;
    const problem = checks[name](args);
    if (problem) {
      warn(`[HelpStack] ${problem}`);
      return undefined;
    }
    try {
      return (handlers[name] as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      warn(`[HelpStack] "${name}" failed`, error);
      return undefined;
    }
  };
}

/**
 * Replays the calls the stub queued, in order, then makes the stub itself call through directly:
 * a page that kept a reference to the stub (or a second snippet's copy) still reaches the widget.
 * Returns the function to install as `window.HelpStack`.
 */
export function installApi(stub: HelpStackFunction | undefined, dispatch: (command: unknown, ...args: unknown[]) => unknown, version: string): HelpStackFunction {
  const api: HelpStackFunction = (command, ...args) => dispatch(command, ...args);
  api.v = version;
  api.l = 1;
  const direct = { push: (args: ArrayLike<unknown>) => void dispatch(...(Array.from(args) as [unknown, ...unknown[]])) };
  api.q = direct;
  const queued = stub && Array.isArray(stub.q) ? stub.q.slice() : [];
  if (stub) stub.q = direct;
  for (const args of queued) direct.push(args);
  return api;
}
