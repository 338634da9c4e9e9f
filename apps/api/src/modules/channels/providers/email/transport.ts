import type { EmailCredentials } from '@helpstack/contracts';
import nodemailer from 'nodemailer';
import { resolveMailHost, type MailConfig } from './resolve.ts';

const TIMEOUT_MS = 20_000;

/**
 * One SMTP connection for one send, to the guard-checked address of the channel's server. TLS is implicit with
 * `secure`; otherwise STARTTLS is used when offered but never required, as the channel asked (CONTRACT §10).
 */
export async function smtpTransport(config: MailConfig, credentials: EmailCredentials) {
  const address = await resolveMailHost(config, credentials.host, credentials.port);
  return nodemailer.createTransport({
    host: address,
    port: credentials.port,
    secure: credentials.secure ?? credentials.port === 465,
    requireTLS: false,
    auth: { user: credentials.username, pass: credentials.password },
    // The certificate is checked against the name the user gave, not the address we connect to.
    tls: { servername: credentials.host },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
}
