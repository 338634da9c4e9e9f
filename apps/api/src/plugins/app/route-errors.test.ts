import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../../test/helpers/app.ts';

/** OpenAPI lists the error answers a route can give, each as the error envelope. */
let t: TestApp;
let paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;

beforeAll(async () => {
  t = await buildTestApp();
  paths = (await client(t.app).get('/api/openapi.json')).body.paths;
});
afterAll(async () => t.close());

const statusesOf = (path: string, method: string) => Object.keys(paths[path]![method]!.responses).sort();

describe('error statuses in the OpenAPI document', () => {
  test('a member route: 400 for bad input, 401 without a session, 403 when the role or origin is refused', () => {
    expect(statusesOf('/api/conversations', 'get')).toEqual(['200', '400', '401', '403']);
  });

  test('a route on one resource adds 404', () => {
    expect(statusesOf('/api/members/{id}', 'patch')).toEqual(['200', '400', '401', '403', '404']);
  });

  test('a public rate-limited route: 400 and 429, no 401/403', () => {
    expect(statusesOf('/api/auth/login', 'post')).toEqual(['200', '400', '429']);
  });

  test('a route declares its own extra statuses (a duplicate is a 409)', () => {
    expect(statusesOf('/api/auth/signup', 'post')).toEqual(['201', '400', '409', '429']);
  });

  test('each error answer is the error envelope', () => {
    const content = paths['/api/members/{id}']!.patch!.responses['404']!.content!['application/json']!.schema as Record<string, any>;
    expect(content.properties.success).toEqual(expect.objectContaining({ enum: [false] }));
    expect(content.properties.error.properties.code.enum).toContain('NOT_FOUND');
  });
});
