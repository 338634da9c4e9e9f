import { Fragment } from 'react';
import { linkParts } from '../../lib/linkify.ts';

/**
 * Text whose http(s) and mailto links are clickable. React elements only (never innerHTML), so message text
 * can't inject markup; links open in a new tab and give the target neither the opener nor the referrer.
 */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkParts(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow" className="msg-link">
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
