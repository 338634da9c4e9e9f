/**
 * HelpStack widget bundle (placeholder). The embed snippet may define `window.HelpStack` as a stub
 * that queues calls in `.q` before this script loads; we drain that queue and replace the stub with
 * a function that accepts commands directly. The real chat launcher arrives in a later issue.
 */
export {};

type Command = [name: string, ...args: unknown[]];
type HelpStackApi = ((...command: Command) => void) & { q?: ArrayLike<unknown>[]; channelId?: string | null };

declare global {
  interface Window {
    HelpStack?: HelpStackApi;
  }
}

const script = document.currentScript as HTMLScriptElement | null;
const channelId = script?.dataset.channelId ?? null;

// No-op for now; a bad command must never throw into the host page.
const handle = (..._command: unknown[]): void => {};

const queued = window.HelpStack?.q ?? [];
const api: HelpStackApi = (...command) => handle(...command);
api.channelId = channelId;
window.HelpStack = api;
for (const args of queued) handle(...Array.from(args));
