import { expect, test } from 'vitest';
import { testDriver } from './helpers/database.ts';

test('the api project config is the one that loaded (its env reaches the tests)', () => {
  expect(process.env.HELPSTACK_TEST_PROJECT).toBe('api');
});

test('the database driver follows TEST_DATABASE_URL', () => {
  expect(testDriver()).toBe(process.env.TEST_DATABASE_URL ? 'pg' : 'pglite');
});
