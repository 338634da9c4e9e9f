import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { channelTypes, credentialFields, credentialSchemas, secretCredentialFields } from '@helpstack/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { repoRoot } from '../../../paths.ts';
import { providerOf, providers } from './index.ts';

describe('the channel-provider registry', () => {
  test('every channel type has exactly one provider, and nothing else has one', () => {
    expect([...providers.map((p) => p.type)].sort()).toEqual([...channelTypes].sort());
    for (const type of channelTypes) expect(providerOf(type).type).toBe(type);
  });

  test("every provider's credential schema is the contract's, with the contract's secret fields", () => {
    for (const provider of providers) {
      expect(provider.credentials.schema).toBe(credentialSchemas[provider.type]);
      const secrets = Object.keys(provider.credentials.schema.shape).filter((f) => (secretCredentialFields as readonly string[]).includes(f));
      expect([...provider.credentials.secretFields].sort(), provider.type).toEqual(secrets.sort());
    }
  });

  test("the zod-free constants name exactly each schema's fields, secret where the contract says", () => {
    for (const type of channelTypes) {
      const shape = credentialSchemas[type].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
      expect(credentialFields[type].map((f) => f.name).sort(), type).toEqual(Object.keys(shape).sort());
      for (const field of credentialFields[type]) {
        expect((secretCredentialFields as readonly string[]).includes(field.name), `${type}.${field.name}`).toBe(field.kind === 'secret');
        // A field the form marks optional must be optional in the schema, and a required one required.
        expect(shape[field.name]!.safeParse(undefined).success, `${type}.${field.name}`).toBe(!field.required);
      }
    }
  });

  test('the constants export imports nothing, so the dashboard bundles it without zod', async () => {
    // constants.ts may re-export sibling files, as long as they import nothing either (checked the same way).
    const seen = new Set<string>();
    const check = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = await readFile(path.join(repoRoot, 'packages/contracts/src', file), 'utf8');
      expect(source, file).not.toMatch(/^\s*import\b/m);
      for (const [, from] of source.matchAll(/^\s*export .* from '([^']+)'/gm)) {
        expect(from, `${file} re-exports ${from}`).toMatch(/^\.\/[\w-]+\.ts$/);
        await check(from!.slice(2));
      }
    };
    await check('constants.ts');
  });

  test('the account-bound types (the ones with webhooks or a bot) verify ownership; EMAIL and WEBSITE_CHAT own no account', () => {
    const owning = providers.filter((p) => p.ownership).map((p) => p.type).sort();
    expect(owning).toEqual(['FACEBOOK', 'INSTAGRAM', 'TELEGRAM', 'WHATSAPP']);
  });
});

describe('the webhook routes come from the registry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  test('/api/webhooks/<path> exists for exactly the providers that declare webhooks', async () => {
    const declared = providers.flatMap((p) => (p.inbound?.webhooks ? [p.inbound.webhooks.path] : [])).sort();
    expect(declared).toEqual(['facebook', 'instagram', 'telegram', 'whatsapp']);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const webhookPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/webhooks')).sort();
    expect(webhookPaths.map((p) => p.split('/')[3])).toEqual(declared);
    for (const path of webhookPaths.filter((p) => !p.includes('telegram'))) expect(Object.keys(doc.paths[path]!).sort()).toEqual(['get', 'post']);
    // Telegram posts to one URL per channel.
    expect(Object.keys(doc.paths['/api/webhooks/telegram/{channelId}'] ?? {})).toEqual(['post']);
    // A type without webhooks has no route.
    expect((await t.app.inject({ method: 'POST', url: '/api/webhooks/email', payload: {} })).statusCode).toBe(404);
  });
});
