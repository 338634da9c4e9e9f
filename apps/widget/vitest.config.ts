import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'widget',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
