import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, errorOf, signupActor, type Actor, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { startSmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { linkIn, mailTo, waitForMail } from '../../../test/helpers/wait-for-mail.ts';
import { sha256 } from '../../lib/tokens.ts';
import { INVALID_RESET_LINK } from './password-reset.ts';

const ORIGIN = 'https://help.example.com';

let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, PUBLIC_URL: ORIGIN });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

// Each test its own client address, so the per-IP limit of one test does not spill into the next.
let ipSeq = 1;
const newIp = () => `10.9.0.${ipSeq++}`;
async function forgot(email: string, ip = newIp()) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email }, remoteAddress: ip });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
const reset = (token: string, password: string) => client(t.app).post('/api/auth/reset-password', { token, password });
const login = (email: string, password: string) => client(t.app).post('/api/auth/login', { email, password });

/** Asks for a reset of `who` and returns the token from the mailed link. */
async function resetTokenFor(who: Actor) {
  const before = sink.mails.length;
  expect((await forgot(who.email)).status).toBe(202);
  const mail = await waitForMail(sink.mails, who.email, (m) => sink.mails.indexOf(m) >= before);
  return new URL(linkIn(mail, `${ORIGIN}/reset-password?token=`)).searchParams.get('token')!;
}

describe('forgot password', () => {
  test('known and unknown addresses get the same answer; only the known one gets a mail', async () => {
    const user = await signupActor(t.app, 'forgot');
    const unknown = `nobody-${Date.now()}@example.com`;
    const a = await forgot(unknown);
    const b = await forgot(user.email.toUpperCase());
    expect(a).toEqual({ status: 202, body: { success: true, data: { accepted: true } } });
    expect(b).toEqual(a);
    const mail = await waitForMail(sink.mails, user.email);
    // Both jobs were queued before this mail arrived; give the unknown one's job time to (not) send.
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.mails.some((m) => mailTo(m).includes(unknown))).toBe(false);

    expect(mail.subject).toBe('Reset your HelpStack password');
    expect(mail.text).toContain('Org forgot');
    expect(mail.html).toContain(`href="${ORIGIN}/reset-password?token=`);
    const token = new URL(linkIn(mail, `${ORIGIN}/reset-password?token=`)).searchParams.get('token')!;
    // Only the hash is stored, with an expiry one hour out.
    const stored = await rows<{ token_hash: string; minutes: number }>(
      t.database.db,
      sql`select token_hash, extract(epoch from expires_at - now()) / 60 as minutes from password_reset_tokens where user_id = ${user.userId}`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(sha256(token));
    expect(Number(stored[0]!.minutes)).toBeGreaterThan(58);
    expect(Number(stored[0]!.minutes)).toBeLessThanOrEqual(60);
  });

  test('a bad address is a 400 with fields, like any input', async () => {
    const res = await forgot('not-an-address');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.email).toBeDefined();
  });

  test('rate-limited per address across client addresses, with the same 429 for unknown addresses', async () => {
    const user = await signupActor(t.app, 'flooded');
    const unknown = `ghost-${Date.now()}@example.com`;
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < 5; i++) expect((await forgot(email)).status).toBe(202);
      const over = await forgot(email);
      expect(over.status).toBe(429);
      expect(over.body.error.code).toBe('RATE_LIMITED');
    }
  });

  test('rate-limited per client address across e-mail addresses', async () => {
    const ip = newIp();
    for (let i = 0; i < 10; i++) expect((await forgot(`spray-${i}@example.com`, ip)).status).toBe(202);
    expect((await forgot('spray-last@example.com', ip)).status).toBe(429);
    expect((await forgot('spray-last@example.com')).status).toBe(202);
  });
});

describe('reset password', () => {
  test('sets the new password, signs the user out everywhere, and the link works once', async () => {
    const user = await signupActor(t.app, 'resetter');
    const otherSession = client(t.app, (await login(user.email, user.password)).headers['set-cookie']!.toString().split(';')[0]!.split('=')[1]);
    expect((await user.get('/api/auth/session')).status).toBe(200);
    expect((await otherSession.get('/api/auth/session')).status).toBe(200);

    const token = await resetTokenFor(user);
    const res = await reset(token, 'a-brand-new-password');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: { passwordReset: true } });

    expect((await user.get('/api/auth/session')).status).toBe(401);
    expect((await otherSession.get('/api/auth/session')).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'a-brand-new-password')).status).toBe(200);

    const again = await reset(token, 'yet-another-password');
    expect(again.status).toBe(400);
    expect(errorOf(again).message).toBe(INVALID_RESET_LINK);
    expect((await login(user.email, 'yet-another-password')).status).toBe(401);
  });

  test('an expired link is refused and changes nothing', async () => {
    const user = await signupActor(t.app, 'late');
    const token = await resetTokenFor(user);
    await t.database.db.execute(sql`update password_reset_tokens set expires_at = now() - interval '1 second' where token_hash = ${sha256(token)}`);
    const res = await reset(token, 'a-brand-new-password');
    expect(res.status).toBe(400);
    expect(errorOf(res).fields?.token).toEqual([INVALID_RESET_LINK]);
    expect((await user.get('/api/auth/session')).status).toBe(200);
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  test('a newer link replaces the older one', async () => {
    const user = await signupActor(t.app, 'twice');
    const first = await resetTokenFor(user);
    const second = await resetTokenFor(user);
    expect(second).not.toBe(first);
    expect((await reset(first, 'a-brand-new-password')).status).toBe(400);
    expect((await reset(second, 'a-brand-new-password')).status).toBe(200);
  });

  test('unknown tokens and weak passwords are 400s', async () => {
    const unknown = await reset('not-a-token', 'a-brand-new-password');
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).message).toBe(INVALID_RESET_LINK);
    const user = await signupActor(t.app, 'weak');
    const token = await resetTokenFor(user);
    const weak = await reset(token, 'short');
    expect(weak.status).toBe(400);
    expect(errorOf(weak).fields?.password).toBeDefined();
    // The refused attempt did not use the link up.
    expect((await reset(token, 'a-brand-new-password')).status).toBe(200);
  });
});
