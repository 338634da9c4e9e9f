import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, errorOf, signupActor, type Actor, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { startSmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { linkIn, mailTo, waitForMail } from '../../../test/helpers/wait-for-mail.ts';
import { INVITATION_MAIL_QUEUE } from './mail.ts';

const ORIGIN = 'https://help.example.com';

let t: TestApp;
let admin: Actor;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, PUBLIC_URL: ORIGIN });
  admin = await signupActor(t.app, 'inviter');
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const preview = (token: string, ip = '10.8.0.1') =>
  t.app.inject({ method: 'GET', url: `/api/invitations/preview?token=${encodeURIComponent(token)}`, remoteAddress: ip });
const accept = (token: string) => client(t.app).post('/api/auth/accept-invite', { token, name: 'Ada', password: 'another-long-password' });
let seq = 0;
const address = (label: string) => `${label}-${Date.now()}-${seq++}@example.com`;

describe('invitation e-mails', () => {
  test('inviting e-mails the accept link with the workspace, the inviter and the role', async () => {
    const email = address('mailed');
    const res = await admin.post('/api/invitations', { email, role: 'AGENT' });
    expect(res.status).toBe(201);
    const mail = await waitForMail(sink.mails, email);
    expect(mail.subject).toBe('Join Org inviter on HelpStack');
    expect(mail.text).toContain(`Test inviter (${admin.email}) invited you to join Org inviter on HelpStack as an agent.`);
    const link = linkIn(mail, `${ORIGIN}/accept-invite?token=`);
    expect(new URL(link).searchParams.get('token')).toBe(res.body.data.token);
    expect(mail.html).toContain(`href="${ORIGIN}/accept-invite?token=${res.body.data.token}"`);
    expect(mail.html).toContain('Org inviter');
    // The job row keeps the token encrypted, never as it is.
    const jobs = await rows<{ data: string }>(t.database.db, sql`select data::text as data from pgboss.job where name = 'invitation-mail'`);
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.some((j) => j.data.includes(res.body.data.token))).toBe(false);
  });

  test('names in the HTML part are escaped', async () => {
    const other = await signupActor(t.app, 'html');
    expect((await other.patch('/api/organization', { name: '<b>Bold & Co</b>' })).status).toBe(200);
    const email = address('escaped');
    await other.post('/api/invitations', { email, role: 'VIEWER' });
    const mail = await waitForMail(sink.mails, email);
    expect(mail.html).toContain('&lt;b&gt;Bold &amp; Co&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Bold');
    expect(mail.text).toContain('<b>Bold & Co</b> on HelpStack as a viewer');
  });

  test('re-inviting an address replaces its pending invitation: the old link dies, one entry is listed', async () => {
    const email = address('again');
    const first = (await admin.post('/api/invitations', { email, role: 'VIEWER' })).body.data;
    const second = (await admin.post('/api/invitations', { email: email.toUpperCase(), role: 'ADMIN' })).body.data;
    expect(second.id).not.toBe(first.id);
    const listed = (await admin.get('/api/invitations')).body.data.items.filter((i: { email: string }) => i.email === email);
    expect(listed).toEqual([expect.objectContaining({ id: second.id, role: 'ADMIN' })]);
    // The live invitation is mailed (awaited before accepting it, as its invitee would: a job that runs after the
    // accept rightly sends nothing, so accepting first would race the mail).
    await waitForMail(sink.mails, email, (m) => (m.text ?? '').includes(second.token));
    expect((await preview(first.token)).statusCode).toBe(404);
    expect((await accept(first.token)).status).toBe(404);
    const joined = await accept(second.token);
    expect(joined.status).toBe(201);
    expect(joined.body.data.role).toBe('ADMIN');
  });

  test('another organization inviting the same address does not touch this one', async () => {
    const email = address('shared');
    const mine = (await admin.post('/api/invitations', { email, role: 'AGENT' })).body.data;
    const other = await signupActor(t.app, 'elsewhere');
    expect((await other.post('/api/invitations', { email, role: 'AGENT' })).status).toBe(201);
    expect((await preview(mine.token)).statusCode).toBe(200);
  });
});

describe('GET /api/invitations/preview', () => {
  test('{organizationName, email, role, expiresAt} without a session', async () => {
    const email = address('preview');
    const inv = (await admin.post('/api/invitations', { email, role: 'VIEWER' })).body.data;
    const res = await preview(inv.token);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ success: true, data: { organizationName: 'Org inviter', email, role: 'VIEWER', expiresAt: inv.expiresAt } });
  });

  test('404 for an unknown, an expired, a used and a revoked token; 400 without one', async () => {
    expect((await preview('no-such-token')).statusCode).toBe(404);

    const late = (await admin.post('/api/invitations', { email: address('late'), role: 'AGENT' })).body.data;
    await t.database.db.execute(sql`update invitations set expires_at = now() - interval '1 second' where id = ${late.id}`);
    const expired = await preview(late.token);
    expect(expired.statusCode).toBe(404);
    errorOf({ status: expired.statusCode, body: JSON.parse(expired.body), headers: expired.headers, raw: expired });

    const used = (await admin.post('/api/invitations', { email: address('used'), role: 'AGENT' })).body.data;
    expect((await accept(used.token)).status).toBe(201);
    expect((await preview(used.token)).statusCode).toBe(404);

    const revoked = (await admin.post('/api/invitations', { email: address('revoked'), role: 'AGENT' })).body.data;
    expect((await admin.delete(`/api/invitations/${revoked.id}`)).status).toBe(200);
    expect((await preview(revoked.token)).statusCode).toBe(404);

    const missing = await t.app.inject({ method: 'GET', url: '/api/invitations/preview', remoteAddress: '10.8.0.2' });
    expect(missing.statusCode).toBe(400);
  });

  test('rate-limited per client address', async () => {
    for (let i = 0; i < 30; i++) expect((await preview('guess', '10.8.0.3')).statusCode).toBe(404);
    const over = await preview('guess', '10.8.0.3');
    expect(over.statusCode).toBe(429);
    expect((await preview('guess', '10.8.0.4')).statusCode).toBe(404);
  });

  test('a job for an invitation revoked before it ran sends nothing', async () => {
    const email = address('revoked-first');
    const inv = (await admin.post('/api/invitations', { email, role: 'AGENT' })).body.data;
    await waitForMail(sink.mails, email);
    expect((await admin.delete(`/api/invitations/${inv.id}`)).status).toBe(200);
    // The same job again, now that the invitation is gone (as if it had waited in the queue).
    const jobId = await t.app.queue.send(INVITATION_MAIL_QUEUE, { invitationId: inv.id, token: t.app.crypto.encryptJson(inv.token, `invitation:${inv.id}`), origin: ORIGIN });
    let job: { state: string; output: unknown } | undefined;
    for (let i = 0; i < 100 && job?.state !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      [job] = await rows<{ state: string; output: unknown }>(t.database.db, sql`select state, output from pgboss.job where id = ${jobId}`);
    }
    expect(job).toEqual({ state: 'completed', output: { sent: false } });
    expect(sink.mails.filter((m) => mailTo(m).includes(email))).toHaveLength(1);
  });
});
