/**
 * What `pnpm bench` measures. Add a route by appending an entry; the first entry is the baseline every
 * other target is compared with (a route doing no work, so a ratio shows what the route itself costs).
 */

/** Whatever the runner prepared before measuring, for targets that need it. */
export interface BenchContext {
  /** `helpstack_session=…` of a freshly signed-up bench user (ADMIN of their own organization). */
  sessionCookie: string;
}

export interface Target {
  name: string;
  path: string;
  /** Defaults to GET. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Static headers, or headers built from the context (e.g. the session cookie). */
  headers?: Record<string, string> | ((ctx: BenchContext) => Record<string, string>);
  /** Request body, sent as JSON. */
  body?: unknown;
}

export const targets: Target[] = [
  { name: 'hello', path: '/api/bench/hello' },
  { name: 'health', path: '/api/health' },
  { name: 'session', path: '/api/auth/session', headers: (ctx) => ({ cookie: ctx.sessionCookie }) },
];
