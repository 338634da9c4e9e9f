import { useEffect, useRef } from 'react';
import { isEditableElement, shortcutFor, type ShortcutAction } from '../lib/keyboard-shortcuts.ts';

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

/** Calls the handler of a single-key shortcut (see lib/keyboard-shortcuts.ts for the rules). */
export function useShortcuts(handlers: ShortcutHandlers, enabled = true) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      // A modal dialog owns the keyboard.
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const action = shortcutFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        isComposing: event.isComposing,
        inEditable: isEditableElement(document.activeElement as HTMLElement | null),
      });
      const handler = action ? ref.current[action] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
