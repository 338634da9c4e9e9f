import fp from 'fastify-plugin';
import nodemailer, { type Transporter } from 'nodemailer';

export interface SystemMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface SystemMailer {
  /** Whether `SMTP_URL` is set; without it mail is written to the log (with its links) instead of sent. */
  readonly configured: boolean;
  /** Sends one message; throws on an SMTP failure so the queue job that called it retries. */
  send(mail: SystemMail): Promise<{ messageId: string | null }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's own mail (CONTRACT §7 `SMTP_URL`): invitations, password reset, notification e-mails. */
    systemMail: SystemMailer;
  }
}

/**
 * `SMTP_URL` is operator-set, so it is trusted (CONTRACT §8.6) and bypasses the outbound guard. Plain
 * `smtp://` uses STARTTLS when the server offers it but does not require it (a local relay or test sink).
 */
export default fp(async (app) => {
  const url = app.config.SMTP_URL;
  let transport: Transporter | undefined;
  if (url) transport = nodemailer.createTransport(url, { from: app.config.SMTP_FROM });

  const mailer: SystemMailer = {
    configured: Boolean(transport),
    async send(mail) {
      if (!transport) {
        // `pnpm start` on a bare machine still works end to end: the links are in the log.
        app.log.info({ mail: { to: mail.to, subject: mail.subject, text: mail.text } }, 'system mail (SMTP_URL unset, not sent)');
        return { messageId: null };
      }
      const info = await transport.sendMail({ from: app.config.SMTP_FROM, ...mail });
      return { messageId: info.messageId ?? null };
    },
  };
  app.decorate('systemMail', mailer);
  app.addHook('onClose', async () => transport?.close());
}, { name: 'system-mail', dependencies: ['config'] });
