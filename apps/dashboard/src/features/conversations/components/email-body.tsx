import { Text, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { emailDocument, QUOTE_SELECTOR } from '../utils/email-document.ts';

/**
 * An e-mail's sanitised HTML in a sandboxed iframe: no scripts run in it (no `allow-scripts`, and the page's
 * CSP), it cannot navigate the dashboard, and its links open in a new tab. Same-origin only so the frame can be
 * sized to its content. Quoted history stays behind a "…" toggle.
 */
export function EmailBody({ html }: { html: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const [height, setHeight] = useState(24);
  const [hasQuote, setHasQuote] = useState(false);
  const [showQuote, setShowQuote] = useState(false);
  const doc = useMemo(() => emailDocument(html), [html]);

  const body = () => frame.current?.contentDocument?.body ?? null;
  const measure = () => {
    const b = body();
    if (b) setHeight(Math.ceil(b.scrollHeight) + 2);
  };

  const onLoad = () => {
    const b = body();
    if (!b || !frame.current) return;
    // The frame's text takes the bubble's colour (light or dark scheme).
    b.style.color = getComputedStyle(frame.current).color;
    b.classList.toggle('show-quoted', showQuote);
    setHasQuote(b.querySelector(QUOTE_SELECTOR) !== null);
    measure();
    // The text re-wraps when the thread is resized: the frame follows its content's height.
    observer.current?.disconnect();
    observer.current = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer.current?.observe(b);
  };

  useEffect(() => {
    body()?.classList.toggle('show-quoted', showQuote);
    measure();
  }, [showQuote]);

  useEffect(() => () => observer.current?.disconnect(), []);

  return (
    <div className="msg-email">
      <iframe
        ref={frame}
        title="E-mail message"
        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        srcDoc={doc}
        onLoad={onLoad}
        className="msg-email-frame"
        style={{ height }}
      />
      {hasQuote && (
        <UnstyledButton className="msg-email-quote-toggle" aria-expanded={showQuote} onClick={() => setShowQuote((v) => !v)} title={showQuote ? 'Hide quoted text' : 'Show quoted text'}>
          <Text component="span" size="xs" fw={700} aria-hidden="true">
            …
          </Text>
          <span className="visually-hidden">{showQuote ? 'Hide quoted text' : 'Show quoted text'}</span>
        </UnstyledButton>
      )}
    </div>
  );
}
