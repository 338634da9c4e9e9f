import { describe, expect, it } from 'vitest';
import { credentialEdits, credentialsBody, initialCredentialValues } from './credential-fields.ts';

describe('credential forms', () => {
  it('starts a new EMAIL channel with its defaults and blank secrets', () => {
    expect(initialCredentialValues('EMAIL')).toMatchObject({ host: '', port: 587, password: '', secure: false, imapSecure: true });
  });

  it('never pre-fills a secret from the stored summary', () => {
    const values = initialCredentialValues('TELEGRAM', { hasBotToken: true });
    expect(values.botToken).toBe('');
  });

  it('creates with every filled field, numbers as numbers', () => {
    const body = credentialsBody('EMAIL', { host: ' smtp.acme.test ', port: '465', username: 'u', password: 'p', from: 'a@acme.test', secure: true, imapHost: '', imapPort: '', imapSecure: true, imapAllowSelfSigned: false });
    expect(body).toEqual({ host: 'smtp.acme.test', port: 465, username: 'u', password: 'p', from: 'a@acme.test', secure: true, imapSecure: true, imapAllowSelfSigned: false });
  });

  it('on update keeps blank secrets (leaves them out) and removes cleared optional fields', () => {
    const stored = { pageId: '123', hasAccessToken: true, hasAppSecret: true };
    const body = credentialsBody('FACEBOOK', { pageId: '456', accessToken: '', appSecret: '', verifyToken: 'new-token' }, stored);
    expect(body).toEqual({ pageId: '456', verifyToken: 'new-token' });
    const cleared = credentialsBody('EMAIL', { ...initialCredentialValues('EMAIL', { host: 'h', port: 25, imapHost: 'imap.h' }), imapHost: '' }, { host: 'h', port: 25, imapHost: 'imap.h' });
    expect(cleared.imapHost).toBeNull();
    expect(cleared).not.toHaveProperty('password');
  });

  it('"Check connection" on a stored channel sends only real edits', () => {
    const stored = { host: 'smtp.acme.test', port: 587, username: 'u', from: 'a@acme.test', secure: false, imapHost: 'imap.acme.test', hasPassword: true };
    const untouched = initialCredentialValues('EMAIL', stored);
    expect(credentialEdits('EMAIL', untouched, stored)).toBeUndefined();
    expect(credentialEdits('EMAIL', { ...untouched, password: 'new' }, stored)).toMatchObject({ password: 'new', host: 'smtp.acme.test' });
    expect(credentialEdits('EMAIL', { ...untouched, port: 2525 }, stored)).toMatchObject({ port: 2525 });
    expect(credentialEdits('EMAIL', { ...untouched, imapHost: '' }, stored)).toMatchObject({ imapHost: null });
  });
});
