import type { VisitorContext } from '../../../packages/contracts/src/widget.ts';

const web = (url: string) => (/^https?:\/\//i.test(url) && url.length <= 2000 ? url : undefined);

/** "Firefox 121 on Linux" from a user agent: a summary an agent can read, not the raw string. */
export function browserSummary(ua: string): string | undefined {
  // The most specific first: Edge and Opera also say Chrome, Chrome also says Safari.
  const names: [string, string][] = [['Edg', 'Edge'], ['OPR', 'Opera'], ['Firefox', 'Firefox'], ['Chrome', 'Chrome'], ['Version', 'Safari']];
  let browser: string | undefined;
  for (const [token, name] of names) {
    const m = new RegExp(`${token}/(\\d+)`).exec(ua);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const os = /Windows/.test(ua) ? 'Windows' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /Linux/.test(ua) ? 'Linux' : undefined;
  const s = [browser, os && `on ${os}`].filter(Boolean).join(' ');
  return s ? s.slice(0, 120) : undefined;
}

/** Where the visitor writes from (CONTRACT §12), sent with the first message; what cannot be known is left out. */
export function visitorContext(): VisitorContext {
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    /* no Intl time zones */
  }
  const locale = navigator.language;
  const c: VisitorContext = {
    pageUrl: web(location.href),
    referrer: web(document.referrer),
    browser: browserSummary(navigator.userAgent),
    locale: locale && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(locale) && locale.length <= 35 ? locale : undefined,
    timeZone: timeZone && timeZone.length <= 64 ? timeZone : undefined,
  };
  for (const k of Object.keys(c) as (keyof VisitorContext)[]) if (c[k] === undefined) delete c[k];
  return c;
}
