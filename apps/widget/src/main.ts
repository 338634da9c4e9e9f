/**
 * The widget bundle (`/widget/widget.<hash>.js`), injected by the loader with the channel id on its
 * script tag. Adds exactly one global, `window.HelpStack`, and one element, the shadow host.
 */
import { createDispatcher, installApi, type HelpStackFunction } from './command-queue.ts';
import css from './ui/styles.css?inline';
import { Widget } from './widget.ts';

declare const __HELPSTACK_VERSION__: string;

declare global {
  interface Window {
    HelpStack?: HelpStackFunction;
  }
}

const script = document.currentScript as HTMLScriptElement | null;
const existing = window.HelpStack;
const channelId = script?.dataset.channelId ?? document.querySelector<HTMLScriptElement>('script[data-channel-id]')?.dataset.channelId;

if (existing?.v) {
  console.warn('[HelpStack] the widget is already loaded on this page');
} else if (!channelId || !script?.src) {
  console.warn('[HelpStack] missing data-channel-id on the widget script tag');
} else {
  const widget = new Widget({ channelId, base: new URL(script.src).origin, css });
  const dispatch = createDispatcher({
    open: () => widget.open(),
    close: () => widget.close(),
    toggle: () => widget.toggle(),
    identify: (v) => widget.identify(v),
    prefill: (v) => widget.prefill(v),
    on: (event, cb) => widget.on(event, cb),
    destroy: () => widget.destroy(),
  });
  window.HelpStack = installApi(existing, dispatch, __HELPSTACK_VERSION__);
  const start = () => void widget.mount();
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}
