import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The start entry as an operator runs it, in its own process, with only the given environment. */
async function start(env: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'helpstack-ops-main-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', entry], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

describe('the start entry', () => {
  test('an unreachable DATABASE_URL prints one line naming the variable, no stack trace, and exits non-zero', async () => {
    const { code, stdout, stderr } = await start({ DATABASE_URL: 'postgres://postgres:secret-pw@127.0.0.1:1/x' });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DATABASE_URL: /);
    expect(lines[0]).toContain('127.0.0.1:1');
    // The password in the URL is not echoed.
    expect(stderr + stdout).not.toContain('secret-pw');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
