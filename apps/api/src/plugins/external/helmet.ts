import type { RouteOptions } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import fp from 'fastify-plugin';

type Directives = Record<string, string[]>;

/**
 * The dashboard (Vite + React + Mantine): its own scripts only; Mantine writes inline styles; the
 * live inbox is a same-origin WebSocket (older browsers do not count ws: as 'self', so it is named);
 * media previews are same-origin downloads or blobs. Nobody may frame it.
 */
function dashboardDirectives(appOrigins: string[]): Directives {
  const sockets = appOrigins.map((o) => o.replace(/^http/, 'ws'));
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...sockets],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * /docs (Scalar): its bundle comes from /docs/js, but it starts from an inline script, compiles some
 * code at run time (eval) and injects its styles; its fonts come from fonts.scalar.com. The page
 * shows only our own OpenAPI document, never user content, so this looser policy stays on /docs.
 */
const docsDirectives: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:', 'https://fonts.scalar.com'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The widget's script and API are loaded by customers' sites: any origin may use them. */
const isWidgetRoute = (url: string) => url === '/widget.js' || url.startsWith('/widget/') || url.startsWith('/api/widget/');
const isDocsRoute = (url: string) => url === '/docs' || url.startsWith('/docs/');

const widgetHelmet: HelmetOptions = {
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  xFrameOptions: false,
  // Scripts and JSON, never a document: nothing for a policy to allow.
  contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"] } },
};

type SecurityHeaders = ReturnType<typeof helmet>;

/**
 * Security headers on every answer (nosniff, Referrer-Policy, COOP, X-Frame-Options, CSP), with the
 * exceptions routes need chosen here by URL, so no module has to know about them. HSTS only when the
 * request came over HTTPS: sent over plain HTTP (local use) it would be ignored at best.
 *
 * helmet's middleware is built once per policy, at start-up. (@fastify/helmet, used before, built it again on
 * every request — parsing and serialising the CSP directives each time: 8 % of the API's CPU in issue 14's
 * profile of the inbox list.)
 */
export default fp(async (app) => {
  const base: HelmetOptions = {
    contentSecurityPolicy: { useDefaults: false, directives: dashboardDirectives(app.config.APP_ORIGIN) },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  };
  // The route's options replace the same options of the base (as @fastify/helmet merged them).
  const policy = (overrides: HelmetOptions = {}): SecurityHeaders => helmet({ ...base, ...overrides } as HelmetOptions);
  const dashboard = policy();
  const widget = policy(widgetHelmet);
  const docs = policy({ contentSecurityPolicy: { useDefaults: false, directives: docsDirectives } });
  // A stand-in customer website: it runs its own inline script and styles, as real ones do.
  const demo = policy({ contentSecurityPolicy: false });

  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ??= {}) as { securityHeaders?: SecurityHeaders };
    config.securityHeaders = isWidgetRoute(route.url) ? widget : isDocsRoute(route.url) ? docs : route.url === '/demo/widget' ? demo : dashboard;
  });

  app.addHook('onRequest', (request, reply, done) => {
    // Unmatched URLs (404) have no route config: the dashboard's policy.
    const headers = (request.routeOptions.config as { securityHeaders?: SecurityHeaders }).securityHeaders ?? dashboard;
    headers(request.raw, reply.raw, done as (err?: unknown) => void);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  // Answers that depend on the session are never stored by a browser or proxy, unless the route chose.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.auth && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}, { name: 'helmet', dependencies: ['config'] });
