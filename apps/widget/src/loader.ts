/**
 * `/widget.js`: the tiny, short-cached loader the snippet points at. It defines the queueing stub
 * `window.HelpStack(command, …args)` (calls wait in `HelpStack.q`) and injects the versioned,
 * long-cached bundle next to itself, passing the channel id on. The bundle's file name is baked in
 * at build time, so a deploy only has to change this file's few hundred bytes.
 */
declare const __HELPSTACK_BUNDLE__: string;

type Stub = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; l?: number };

const w = window as unknown as { HelpStack?: Stub };
const d = document;
const me = (d.currentScript ?? d.querySelector('script[data-channel-id]')) as HTMLScriptElement | null;
// Keep a stub the page defined itself (snippet with `stub: true`): its queue is already filling.
const api: Stub =
  w.HelpStack ||
  (w.HelpStack = function () {
    // eslint-disable-next-line prefer-rest-params
    (api.q = api.q || []).push(arguments);
  });
const channelId = me?.getAttribute('data-channel-id');

if (!channelId || !me?.src) console.warn('[HelpStack] missing data-channel-id on the widget script tag');
else if (!api.l) {
  api.l = 1;
  const s = d.createElement('script');
  s.async = true;
  s.src = new URL(__HELPSTACK_BUNDLE__, me.src).href;
  s.setAttribute('data-channel-id', channelId);
  (d.head || d.documentElement).appendChild(s);
}
