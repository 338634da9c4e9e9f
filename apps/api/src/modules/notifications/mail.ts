import type { FastifyInstance } from 'fastify';

export const MAIL_QUEUE = 'notify-email';
/** A notification e-mail to one member, rendered when queued (content.ts `notificationMail`). */
export interface MailJob {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Throws on an SMTP failure, so pg-boss retries with backoff. */
export async function sendNotificationMail(app: FastifyInstance, job: MailJob) {
  await app.systemMail.send(job);
  return { sent: job.to };
}
