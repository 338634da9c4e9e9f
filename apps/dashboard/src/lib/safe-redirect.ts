/** Only same-app paths: `/inbox?x=1` yes; `//evil.example`, `https://…`, `javascript:` no. */
export function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (value.startsWith('/login') || value.startsWith('/signup') || value.startsWith('/accept-invite')) return undefined;
  return value.length <= 2000 ? value : undefined;
}
